namespace Omnia.Core.Segments;

/// <summary>A computed condition's comparison: a <see cref="ValueTest"/>, or withinLast/inNext with their span.</summary>
internal sealed class ComputedTest
{
    public ComputedTest(ComparisonOp op, Literal? value)
    {
        Op = op;
        if (value is DurationLiteral duration)
            Span = duration.Value.ToTimeSpan();
        else
            Value = new ValueTest(op, value);
    }

    public ComparisonOp Op { get; }

    /// <summary>Null for withinLast and inNext, which are relative to now.</summary>
    public ValueTest? Value { get; }

    public TimeSpan Span { get; }
}
