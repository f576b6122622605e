using Omnia.Core.Events;
using System.Text.Json;
using System.Text.Json.Serialization;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Something the engine must do because an instance moved, exactly once: it stores the effects with the new
/// instance state in one transaction (an outbox) and carries each out under its <see cref="Key"/>, which is the
/// same every time the same instance makes the same move (see <see cref="EffectKeys"/>), so a retry or a replay
/// after a crash is recognised and skipped.
/// </summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="NodeId">The step it comes from.</param>
/// <param name="At">The instant it happened in the journey's time (from the inputs).</param>
public abstract record JourneyEffect(string Key, long ProfileId, string NodeId, DateTimeOffset At);

/// <summary>The instance arrived at a step (for the live counts per step), on its <paramref name="Visit"/>-th visit.</summary>
public sealed record EnteredStep(string Key, long ProfileId, string NodeId, DateTimeOffset At, int Visit)
    : JourneyEffect(Key, ProfileId, NodeId, At);

/// <summary>
/// Send <see cref="Content"/> on <see cref="Channel"/>. The key doubles as the message's id: engagement with it
/// (opened, clicked) is what <see cref="JourneyContext.Engagement"/> is asked about. Carries the entry key and
/// properties for personalisation.
/// </summary>
public sealed record SendMessage(string Key, long ProfileId, string NodeId, DateTimeOffset At, string Content, string Channel, string? EntryKey, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] EventProperties EntryProperties)
    : JourneyEffect(Key, ProfileId, NodeId, At)
{
    /// <summary>Later trigger events with the same key (<see cref="JourneyInstance.KeyedEvents"/>): the rest of the cart.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EventProperties>? KeyedEvents { get; init; }

    public bool Equals(SendMessage? other) =>
        other is not null && Key == other.Key && ProfileId == other.ProfileId && NodeId == other.NodeId && At == other.At && Content == other.Content
        && Channel == other.Channel && EntryKey == other.EntryKey && EntryProperties.Equals(other.EntryProperties)
        && (KeyedEvents ?? []).SequenceEqual(other.KeyedEvents ?? []);

    public override int GetHashCode() => HashCode.Combine(Key, ProfileId, NodeId, At, Content, Channel);
}

/// <summary>Call <see cref="Url"/> with <see cref="Method"/>, the body rendered from template <see cref="Body"/> (none when null).</summary>
public sealed record CallWebhook(string Key, long ProfileId, string NodeId, DateTimeOffset At, string Url, string Method, string? Body, string? EntryKey, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] EventProperties EntryProperties)
    : JourneyEffect(Key, ProfileId, NodeId, At);

/// <summary>Set (or, for a null value, remove) traits on the profile.</summary>
public sealed record UpdateProfile(string Key, long ProfileId, string NodeId, DateTimeOffset At, IReadOnlyList<TraitUpdate> Traits)
    : JourneyEffect(Key, ProfileId, NodeId, At);

/// <summary>Hand the instance a <see cref="JourneyInput.Time"/> input once the clock reaches <see cref="WakeAt"/> (also in <see cref="JourneyInstance.WakeAt"/>).</summary>
public sealed record ScheduleWake(string Key, long ProfileId, string NodeId, DateTimeOffset At, DateTimeOffset WakeAt)
    : JourneyEffect(Key, ProfileId, NodeId, At);

/// <summary>The instance left the steps, for <see cref="Reason"/>. At most one per instance.</summary>
public sealed record ExitJourney(string Key, long ProfileId, string NodeId, DateTimeOffset At, ExitReason Reason)
    : JourneyEffect(Key, ProfileId, NodeId, At);

/// <summary>
/// The instance converted (at most once): count it for the journey, for each step in <see cref="VisitedNodes"/>,
/// and for each variant in <see cref="Variants"/> (including the control group).
/// </summary>
public sealed record GoalReached(string Key, long ProfileId, string NodeId, DateTimeOffset At, IReadOnlyList<VariantAssignment> Variants, IReadOnlyList<string> VisitedNodes)
    : JourneyEffect(Key, ProfileId, NodeId, At);
