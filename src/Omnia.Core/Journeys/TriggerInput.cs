using Omnia.Core.Events;
using System.Globalization;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>How a segment membership signal came about, for edge-triggered entry.</summary>
public enum MembershipChange
{
    /// <summary>A real transition: an event arrived or a window edge passed.</summary>
    Transition,

    /// <summary>A definition changed and the segment was recomputed (a new segment's first members arrive this way).</summary>
    Recompute,

    /// <summary>The profile was already a member (or not) when the journey started.</summary>
    Existing,
}

/// <summary>
/// Something that may start an instance for a profile, handed to <see cref="JourneyEntry.Decide"/>: an event, a
/// segment entry or exit, a date trigger's occurrence, a broadcast, or an API call. <see cref="At"/> becomes the
/// instance's entry time.
/// </summary>
public abstract record TriggerInput(DateTimeOffset At)
{
    /// <summary>An event of the profile, at its timestamp.</summary>
    public static TriggerInput Event(ProfileEvent e) => new EventTriggerInput(e);

    /// <summary>The profile entered or left segment <paramref name="slug"/>.</summary>
    public static TriggerInput Segment(string slug, bool entered, DateTimeOffset at, MembershipChange change = MembershipChange.Transition) =>
        new SegmentTriggerInput(slug, entered, at, change);

    /// <summary>A date trigger's occurrence for the profile (from <see cref="DateTrigger.NextOccurrence"/>).</summary>
    public static TriggerInput Date(DateOccurrence occurrence) => new DateTriggerInput(occurrence);

    /// <summary>A broadcast at <paramref name="occurrence"/> (from <see cref="ScheduleTrigger.NextOccurrence"/>) to a member of its segment.</summary>
    public static TriggerInput Schedule(DateTimeOffset occurrence) => new ScheduleTriggerInput(occurrence);

    /// <summary>An API call at <paramref name="at"/> with <paramref name="properties"/> (a JSON object, or undefined).</summary>
    public static TriggerInput Api(DateTimeOffset at, EventProperties properties = default) => new ApiTriggerInput(at, properties);

    /// <summary>An API call with its properties given as a JSON object.</summary>
    public static TriggerInput Api(DateTimeOffset at, JsonElement properties) => new ApiTriggerInput(at, EventProperties.FromJson(properties));
}

/// <summary>See <see cref="TriggerInput.Event"/>.</summary>
public sealed record EventTriggerInput(ProfileEvent Received) : TriggerInput(Received.Timestamp);

/// <summary>See <see cref="TriggerInput.Segment"/>.</summary>
public sealed record SegmentTriggerInput(string Slug, bool Entered, DateTimeOffset When, MembershipChange Change) : TriggerInput(When);

/// <summary>See <see cref="TriggerInput.Date"/>.</summary>
public sealed record DateTriggerInput(DateOccurrence Occurrence) : TriggerInput(Occurrence.At);

/// <summary>See <see cref="TriggerInput.Schedule"/>.</summary>
public sealed record ScheduleTriggerInput(DateTimeOffset Occurrence) : TriggerInput(Occurrence)
{
    /// <summary>The key of this broadcast: its instant in ISO-8601 UTC.</summary>
    public string Key => Occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>See <see cref="TriggerInput.Api(DateTimeOffset, EventProperties)"/>.</summary>
public sealed record ApiTriggerInput(DateTimeOffset When, EventProperties Properties) : TriggerInput(When);
