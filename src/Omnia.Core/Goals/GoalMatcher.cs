using Omnia.Core.Segments;
using Omnia.Core.Visits;

namespace Omnia.Core.Goals;

/// <summary>A <see cref="ConversionGoal"/> compiled for scanning millions of events: which convert, what each is worth, which touchpoints count.</summary>
public sealed class GoalMatcher
{
    private readonly EventMatcher _event;
    private readonly string? _value;

    public GoalMatcher(ConversionGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        Goal = goal;
        _event = new EventMatcher(goal.Event);
        _value = goal.ValueProperty is { } value ? string.Intern(value) : null;
        LookbackTicks = goal.Lookback.ToTimeSpan().Ticks;
    }

    /// <summary>The goal.</summary>
    public ConversionGoal Goal { get; }

    /// <summary>The goal's lookback in ticks.</summary>
    public long LookbackTicks { get; }

    /// <summary>Whether <paramref name="e"/> is a conversion.</summary>
    public bool Converts(in ProfileEvent e) => _event.Matches(in e);

    /// <summary>
    /// A conversion's value: its value property as a number, 0 when missing, not a number, or negative (a refund is no
    /// conversion value). Decimal, so that sums of money are exact whatever order a scan adds them in.
    /// </summary>
    public decimal ValueOf(in ProfileEvent e) =>
        _value is not null && e.Properties[_value].TryGetDecimal(out var value) && value > 0 ? value : 0;

    /// <summary>Whether a visit counts as a touchpoint on the way to the goal.</summary>
    public bool Counts(in Visit visit) => Goal.Touchpoints.Counts(in visit);
}
