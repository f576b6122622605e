namespace Omnia.Core.Segments;

/// <summary>How an event count is compared (<c>atLeast</c>, <c>atMost</c>, <c>exactly</c>).</summary>
public enum CountOp
{
    AtLeast,
    AtMost,
    Exactly,
}

/// <summary>"At least / at most / exactly <see cref="Value"/> times". <c>atMost 0</c> means "never did it".</summary>
public sealed record CountRule(CountOp Op, int Value)
{
    /// <summary>What an event condition without <c>count</c> or <c>aggregate</c> means: did it at least once.</summary>
    public static CountRule AtLeastOnce { get; } = new(CountOp.AtLeast, 1);

    internal bool Test(long count) => Op switch
    {
        CountOp.AtLeast => count >= Value,
        CountOp.AtMost => count <= Value,
        _ => count == Value,
    };
}
