using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// "Did E n times / with aggregate x, within a window". Only a <see cref="LastWindow"/> changes with time: the
/// matching events in it at instant t are those with <c>timestamp &gt; t − d</c>, a suffix of the event list that
/// shrinks from its oldest end. One backward pass over that suffix gives the value now and, for every group of
/// equal timestamps, the value once that group has aged out; the oldest group whose departure changes the
/// answer gives the next change.
/// </summary>
internal sealed class EventNode : ConditionNode
{
    private readonly EventMatcher _matcher;
    private readonly CountRule _count;
    private readonly AggregateRule? _aggregate;
    private readonly string? _property;
    private readonly EventWindow _window;
    private readonly TimeSpan _last;

    public EventNode(EventCondition condition)
    {
        if (condition.Count is not null && condition.Aggregate is not null)
            throw new ArgumentException("An event condition has either a count or an aggregate, not both.", nameof(condition));
        _matcher = new EventMatcher(condition.Event);
        _count = condition.Count ?? CountRule.AtLeastOnce;
        _aggregate = condition.Aggregate;
        _property = _aggregate?.Property is { } property ? string.Intern(property) : null;
        _window = condition.Window;
        _last = condition.Window is LastWindow last ? last.Duration.ToTimeSpan() : default;
    }

    public override int Cost => 1;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var events = scope.Events;
        var tally = new Tally();
        switch (_window)
        {
            case LastWindow:
                return EvaluateMoving(events, at);
            case BetweenWindow between:
                var first = between.From is { } from ? TimeMath.FirstAtOrAfter(events, from) : 0;
                for (var i = first; i < events.Length; i++)
                {
                    ref readonly var e = ref events[i];
                    if (between.To is { } to && e.Timestamp >= to)
                        break;
                    if (_matcher.Matches(e))
                        tally.Add(e, _property);
                }
                return Outcome.Forever(Test(tally));
            default:
                for (var i = 0; i < events.Length; i++)
                {
                    ref readonly var e = ref events[i];
                    if (_matcher.Matches(e))
                        tally.Add(e, _property);
                }
                return Outcome.Forever(Test(tally));
        }
    }

    private Outcome EvaluateMoving(ReadOnlySpan<ProfileEvent> events, DateTimeOffset at)
    {
        var cutoff = TimeMath.SubtractOrMin(at, _last);
        var newer = new Tally();
        DateTimeOffset? oldestGroupLeavingTrue = null, oldestGroupLeavingFalse = null;
        var inGroup = false;
        DateTimeOffset groupTimestamp = default;
        for (var i = events.Length - 1; i >= 0; i--)
        {
            ref readonly var e = ref events[i];
            if (e.Timestamp <= cutoff)
                break;
            if (!_matcher.Matches(e))
                continue;
            if (!inGroup || e.Timestamp != groupTimestamp)
            {
                // The events seen so far are exactly those newer than this group: what is left once it ages out.
                inGroup = true;
                groupTimestamp = e.Timestamp;
                if (Test(newer))
                    oldestGroupLeavingTrue = groupTimestamp;
                else
                    oldestGroupLeavingFalse = groupTimestamp;
            }
            newer.Add(e, _property);
        }
        var value = Test(newer);
        var flipGroup = value ? oldestGroupLeavingFalse : oldestGroupLeavingTrue;
        return new Outcome(value, flipGroup is { } group ? TimeMath.AddOrNever(group, _last) : null);
    }

    private bool Test(in Tally tally)
    {
        if (_aggregate is not { } aggregate)
            return _count.Test(tally.Count);
        decimal value;
        switch (aggregate.Function)
        {
            case AggregateFunction.Count:
                value = tally.Count;
                break;
            case AggregateFunction.Sum:
                value = tally.Sum;
                break;
            default:
                if (tally.Values == 0)
                    return false; // average, min and max of nothing are undefined
                value = aggregate.Function switch
                {
                    AggregateFunction.Average => tally.Sum / tally.Values,
                    AggregateFunction.Min => tally.Min,
                    _ => tally.Max,
                };
                break;
        }
        var sign = value.CompareTo(aggregate.Value);
        return aggregate.Op switch
        {
            ComparisonOp.Equal => sign == 0,
            ComparisonOp.NotEqual => sign != 0,
            ComparisonOp.GreaterThan => sign > 0,
            ComparisonOp.GreaterOrEqual => sign >= 0,
            ComparisonOp.LessThan => sign < 0,
            _ => sign <= 0,
        };
    }

    /// <summary>Count and running aggregates of the matching events, without allocating.</summary>
    private struct Tally
    {
        public long Count;
        public long Values;
        public decimal Sum;
        public decimal Min;
        public decimal Max;

        public void Add(in ProfileEvent e, string? property)
        {
            Count++;
            if (property is null || !JsonValues.TryNumber(e.Properties[property], out var value))
                return;
            if (Values == 0)
            {
                Min = value;
                Max = value;
            }
            else
            {
                Min = Math.Min(Min, value);
                Max = Math.Max(Max, value);
            }
            Values++;
            Sum = JsonValues.AddSaturating(Sum, value);
        }
    }
}
