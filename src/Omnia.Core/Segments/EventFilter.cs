using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// Which events count: those named <see cref="Name"/> (exact, case-sensitive), of <see cref="Type"/> when given,
/// whose properties pass every filter in <see cref="Where"/>.
/// </summary>
/// <param name="Name">The track event's name, or the page or screen name.</param>
/// <param name="Type">Null matches any call type.</param>
public sealed record EventFilter(string Name, IReadOnlyList<PropertyFilter> Where, EventType? Type = null)
{
    /// <summary>Events named <paramref name="name"/>, any properties.</summary>
    public EventFilter(string name)
        : this(name, [])
    {
    }

    public bool Equals(EventFilter? other) =>
        other is not null && Name == other.Name && Type == other.Type && Where.SequenceEqual(other.Where);

    public override int GetHashCode() => HashCode.Combine(Name, Type, ValueLists.Hash(Where));
}

/// <summary>
/// A test on one top-level event property, with the operators of <see cref="TraitCondition"/> except the ones
/// relative to now (<c>withinLast</c>, <c>inNext</c>): an event's time is limited by the condition's window.
/// </summary>
public sealed record PropertyFilter(string Property, ComparisonOp Op, Literal? Value);
