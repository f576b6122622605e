namespace Omnia.Core.Segments;

/// <summary>
/// <c>withinLast</c> and <c>inNext</c> on a date: each holds on one half-open stretch of time, so the answer
/// and its next change come from the stretch's ends.
/// </summary>
internal static class RelativeDate
{
    /// <summary>
    /// withinLast d: <c>now − d &lt; date ≤ now</c>, i.e. now in [date, date + d).
    /// inNext d: <c>now &lt; date ≤ now + d</c>, i.e. now in [date − d, date).
    /// </summary>
    public static Outcome Evaluate(ComparisonOp op, TimeSpan span, DateTimeOffset date, DateTimeOffset at) =>
        op == ComparisonOp.WithinLast
            ? During(date, TimeMath.AddOrNever(date, span), at)
            : During(TimeMath.SubtractOrMin(date, span), date, at);

    /// <summary>Whether <paramref name="at"/> is in [start, end) (end null: forever), and when that changes.</summary>
    public static Outcome During(DateTimeOffset start, DateTimeOffset? end, DateTimeOffset at)
    {
        if (at < start)
            return new Outcome(false, start);
        if (end is not { } stop || at < stop)
            return new Outcome(true, end);
        return Outcome.Forever(false);
    }
}
