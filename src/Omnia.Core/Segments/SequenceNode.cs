using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// "Did A, then did (not) do B within T". Each qualifying A gives one stretch of time during which it makes the
/// profile a member: [A + T, window end) when B must not follow (the wait must pass first), or up to the window
/// end when B must follow. A events come in timestamp order, so the stretches start and end in order too, and
/// merging them on the way gives the value at any instant and the exact end or start of the stretch around it.
/// </summary>
internal sealed class SequenceNode : ConditionNode
{
    private readonly EventMatcher _first;
    private readonly EventMatcher _then;
    private readonly TimeSpan _within;
    private readonly bool _did;
    private readonly string? _key;
    private readonly EventWindow _window;
    private readonly TimeSpan _last;

    public SequenceNode(SequenceCondition condition)
    {
        _first = new EventMatcher(condition.First);
        _then = new EventMatcher(condition.Then);
        _within = condition.Within.ToTimeSpan();
        _did = condition.Did;
        _key = condition.Key is { } key ? string.Intern(key) : null;
        _window = condition.Window;
        _last = condition.Window is LastWindow last ? last.Duration.ToTimeSpan() : default;
    }

    public override int Cost => 2;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var events = scope.Events;
        // With a moving window, an A that left it before `at` has a stretch wholly in the past.
        var start = _window is LastWindow ? TimeMath.FirstAfter(events, TimeMath.SubtractOrMin(at, _last)) : 0;
        var between = _window as BetweenWindow;

        var haveStretch = false;
        DateTimeOffset stretchStart = default;
        DateTimeOffset? stretchEnd = null;
        for (var i = start; i < events.Length; i++)
        {
            ref readonly var a = ref events[i];
            if (!_first.Matches(a) || (between is not null && !between.Contains(a.Timestamp)))
                continue;
            var key = default(EventValue);
            if (_key is not null)
            {
                key = a.Properties[_key];
                if (!JsonValues.IsPresent(key))
                    continue;
            }
            if (IsAnswered(events, i, key) != _did)
                continue;

            DateTimeOffset from;
            if (_did)
            {
                from = DateTimeOffset.MinValue;
            }
            else if (TimeMath.AddOrNever(a.Timestamp, _within) is { } waited)
            {
                from = waited;
            }
            else
            {
                continue; // the wait never ends
            }
            var to = _window is LastWindow ? TimeMath.AddOrNever(a.Timestamp, _last) : null;
            if (to is { } end && from >= end)
                continue;

            if (!haveStretch)
            {
                (haveStretch, stretchStart, stretchEnd) = (true, from, to);
            }
            else if (stretchEnd is not { } currentEnd || from <= currentEnd)
            {
                stretchEnd = TimeMath.Latest(stretchEnd, to);
            }
            else
            {
                if (Decide(stretchStart, stretchEnd, at) is { } decided)
                    return decided;
                (stretchStart, stretchEnd) = (from, to);
            }
        }
        return haveStretch && Decide(stretchStart, stretchEnd, at) is { } last ? last : Outcome.Forever(false);
    }

    /// <summary>
    /// Whether A at <paramref name="index"/> is followed by a B within the wait (B later in the list, at most
    /// <c>A + within</c>, with A's key value when keyed).
    /// </summary>
    private bool IsAnswered(ReadOnlySpan<ProfileEvent> events, int index, EventValue key)
    {
        var deadline = TimeMath.AddOrNever(events[index].Timestamp, _within);
        for (var j = index + 1; j < events.Length; j++)
        {
            ref readonly var b = ref events[j];
            if (deadline is { } d && b.Timestamp > d)
                break;
            if (!_then.Matches(b))
                continue;
            if (_key is null)
                return true;
            var bKey = b.Properties[_key];
            if (JsonValues.IsPresent(bKey) && key.Equals(bKey))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The outcome if the merged stretch [start, end) settles it: <paramref name="at"/> inside it, or before it
    /// (every earlier stretch ended by then). Null when the stretch is wholly in the past.
    /// </summary>
    private static Outcome? Decide(DateTimeOffset start, DateTimeOffset? end, DateTimeOffset at)
    {
        if (at < start)
            return new Outcome(false, start);
        if (end is not { } stop || at < stop)
            return new Outcome(true, end);
        return null;
    }
}
