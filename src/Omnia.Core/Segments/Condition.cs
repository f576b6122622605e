namespace Omnia.Core.Segments;

/// <summary>
/// One node of a segment's boolean tree. In JSON a condition is an object with exactly one key naming its kind:
/// <c>and</c>, <c>or</c>, <c>not</c>, <c>trait</c>, <c>event</c>, <c>sequence</c>, <c>segment</c>, <c>consent</c>,
/// <c>computed</c>, <c>bucket</c>, <c>persona</c> or <c>lifecycleStage</c>. Definitions compare by value.
/// </summary>
public abstract record Condition
{
    private protected Condition()
    {
    }
}

/// <summary>All of <see cref="Conditions"/> hold (<c>{"and":[…]}</c>).</summary>
public sealed record AndCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public bool Equals(AndCondition? other) => other is not null && Conditions.SequenceEqual(other.Conditions);

    public override int GetHashCode() => ValueLists.Hash(Conditions);
}

/// <summary>At least one of <see cref="Conditions"/> holds (<c>{"or":[…]}</c>).</summary>
public sealed record OrCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public bool Equals(OrCondition? other) => other is not null && Conditions.SequenceEqual(other.Conditions);

    public override int GetHashCode() => ValueLists.Hash(Conditions);
}

/// <summary><see cref="Inner"/> does not hold (<c>{"not":{…}}</c>).</summary>
public sealed record NotCondition(Condition Inner) : Condition;
