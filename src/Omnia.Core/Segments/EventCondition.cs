namespace Omnia.Core.Segments;

/// <summary>
/// "Performed <see cref="Event"/> … within <see cref="Window"/>", compared either by how many times
/// (<see cref="Count"/>) or by a number computed over the events (<see cref="Aggregate"/>), never both.
/// With neither (as read from JSON without either), the profile must have done it at least once.
/// </summary>
public sealed record EventCondition(EventFilter Event, CountRule? Count, AggregateRule? Aggregate, EventWindow Window) : Condition
{
    /// <summary>"Did <paramref name="filter"/> at least once, ever".</summary>
    public EventCondition(EventFilter filter)
        : this(filter, CountRule.AtLeastOnce, null, EventWindow.Ever)
    {
    }
}
