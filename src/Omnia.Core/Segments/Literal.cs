namespace Omnia.Core.Segments;

/// <summary>
/// A value in a definition, typed when the definition is read: the operator decides whether
/// <c>"2025-01-31"</c> is a date (<c>before</c>) or a string (<c>equals</c>).
/// </summary>
public abstract record Literal
{
    private protected Literal()
    {
    }
}

/// <summary>A string value.</summary>
public sealed record StringLiteral(string Value) : Literal;

/// <summary>A number value.</summary>
public sealed record NumberLiteral(decimal Value) : Literal;

/// <summary>A boolean value.</summary>
public sealed record BooleanLiteral(bool Value) : Literal;

/// <summary>An instant, written in ISO-8601 (<c>2025-01-31</c> is midnight UTC).</summary>
public sealed record DateLiteral(DateTimeOffset Value) : Literal;

/// <summary>A duration such as <c>30d</c>, for <c>withinLast</c> and <c>inNext</c>.</summary>
public sealed record DurationLiteral(SegmentDuration Value) : Literal;

/// <summary>A list of string, number or boolean values, for <c>in</c>.</summary>
public sealed record ListLiteral(IReadOnlyList<Literal> Items) : Literal
{
    public bool Equals(ListLiteral? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => ValueLists.Hash(Items);
}
