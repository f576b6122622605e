using System.Text.Json;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// One profile's recorded history, for a dry run: the profile as it was at the start of the replayed period
/// (traits, consent, computed basics), all its events in any order (earlier ones count for conditions), its segment
/// entries and exits, and trait snapshots (the traits set at an instant).
/// </summary>
public sealed record ProfileHistory(ProfileState Profile, IReadOnlyList<ProfileEvent> Events)
{
    /// <summary>The profile's time zone; UTC unless given.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Segment entries and exits, including earlier ones (they give the memberships at the start).</summary>
    public IReadOnlyList<SegmentChange> SegmentChanges { get; init; } = [];

    /// <summary>Trait changes during the period, applied at their instants.</summary>
    public IReadOnlyList<TraitSnapshot> Traits { get; init; } = [];
}

/// <summary>The profile entered (or left) segment <see cref="Slug"/> at <see cref="At"/>.</summary>
public sealed record SegmentChange(string Slug, bool Entered, DateTimeOffset At);

/// <summary>Traits set at <see cref="At"/>; an undefined or null value removes the trait.</summary>
public sealed record TraitSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, JsonElement> Traits);

/// <summary>
/// The period a dry run replays, [<see cref="From"/>, <see cref="To"/>), and what it assumes about the world: who is
/// reachable on which channel (by default: the latest consent for the channel says subscribed), the workspace's
/// audience settings for conditions, and the first instance id it numbers instances from.
/// </summary>
public sealed record DryRunOptions(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Whether a profile (as it is at that moment in the replay) is reachable on a channel.</summary>
    public Func<ProfileState, string, bool>? IsReachable { get; init; }

    /// <summary>RFM breakpoints and computed traits for conditions; the defaults unless given.</summary>
    public AudienceContext Audience { get; init; } = AudienceContext.Default;

    /// <summary>The id of the first simulated instance; effect keys are built from it.</summary>
    public long FirstInstanceId { get; init; } = 1;
}
