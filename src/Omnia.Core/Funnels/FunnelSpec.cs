using Omnia.Core.Segments;

namespace Omnia.Core.Funnels;

/// <summary>Whether a funnel's steps must come in their order.</summary>
public enum FunnelOrder : byte
{
    /// <summary>Each step after the one before it (other events may come between).</summary>
    Strict,

    /// <summary>The steps in any order: reaching step k means having done steps 1 to k, in whatever order.</summary>
    Any,
}

/// <summary>One step of a funnel: the events that take a person through it, and an optional label.</summary>
public sealed record FunnelStep(EventFilter Event, string? Label = null)
{
    /// <summary>The label, or the event's name.</summary>
    public string Title => Label ?? Event.Name;
}

/// <summary>
/// What makes a funnel: 2 to 10 ordered steps (event filters, as in segment conditions), the conversion window
/// within which every step must follow the first, and whether order matters. Shared by saved funnels and the
/// segment condition that finds a funnel's dropouts, so both count the same people.
/// </summary>
public sealed record FunnelSpec(IReadOnlyList<FunnelStep> Steps, SegmentDuration Within, FunnelOrder Order)
{
    /// <summary>The fewest steps a funnel has.</summary>
    public const int MinSteps = 2;

    /// <summary>The most steps a funnel has.</summary>
    public const int MaxSteps = 10;

    /// <summary>The conversion window when none is given: 7 days.</summary>
    public static SegmentDuration DefaultWithin { get; } = SegmentDuration.Days(7);

    /// <summary>The event property names the steps read.</summary>
    public IEnumerable<string> PropertyNames() => Steps.SelectMany(s => s.Event.Where.Select(w => w.Property));

    /// <summary>The event names of the steps.</summary>
    public IEnumerable<string> EventNames() => Steps.Select(s => s.Event.Name);

    public bool Equals(FunnelSpec? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && Within == other.Within && Order == other.Order;

    public override int GetHashCode() => HashCode.Combine(ValueLists.Hash(Steps), Within, Order);
}
