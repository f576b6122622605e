using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// What counts as a conversion: an event matching <see cref="Event"/> within <see cref="Within"/> of entering
/// (<c>{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"}</c>). Counted once per instance, also
/// after the instance has finished its steps (it keeps watching until the window closes) and for the control group,
/// so treatment and control are measured over the same window.
/// </summary>
/// <param name="MatchKey">When given, the event's property of this name must equal the instance's entry key.</param>
public sealed record JourneyGoal(EventFilter Event, SegmentDuration Within, string? MatchKey = null);

/// <summary>
/// What ends an instance at once, at whatever step, also during a wait. In JSON
/// <c>{"event":{…},"matchKey":"cart_id"}</c> or <c>{"segmentExit":"lapsed-vips"}</c>.
/// </summary>
public abstract record ExitCriterion
{
    private protected ExitCriterion()
    {
    }
}

/// <summary>An event matching <see cref="Event"/> (and, with <see cref="MatchKey"/>, carrying the entry key in that property).</summary>
public sealed record EventExitCriterion(EventFilter Event, string? MatchKey = null) : ExitCriterion;

/// <summary>The profile leaving segment <see cref="Slug"/>.</summary>
public sealed record SegmentExitCriterion(string Slug) : ExitCriterion;
