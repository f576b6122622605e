using Omnia.Core.Events;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Journeys;

/// <summary>Where an instance is in its life.</summary>
public enum InstanceStatus
{
    /// <summary>At a wait, wait-until or wait-for-event step; <see cref="JourneyInstance.WakeAt"/> says when time alone moves it on.</summary>
    Waiting,

    /// <summary>
    /// Done with the steps (see <see cref="JourneyInstance.ExitReason"/>) but still watching for the goal until
    /// <see cref="JourneyInstance.WakeAt"/>, the end of the goal's window. Counts as exited for the entry rules.
    /// </summary>
    Observing,

    /// <summary>Finished: nothing changes it any more; the engine may archive it.</summary>
    Exited,
}

/// <summary>Why an instance left the steps.</summary>
public enum ExitReason
{
    /// <summary>(<c>completed</c>) It reached an exit step.</summary>
    Completed,

    /// <summary>(<c>exitCriterion</c>) One of the journey's <c>exitOn</c> criteria matched.</summary>
    ExitCriterion,

    /// <summary>(<c>control</c>) A split put it in the control group, which gets no steps.</summary>
    Control,

    /// <summary>(<c>unreachable</c>) A choose-channel step found no reachable channel and had no <c>none</c> edge.</summary>
    Unreachable,

    /// <summary>(<c>loopLimit</c>) It arrived at one step more than <see cref="JourneyRuntime.MaxVisitsPerStep"/> times.</summary>
    LoopLimit,

    /// <summary>(<c>stopped</c>) The engine stopped it (the journey was stopped, the profile deleted or merged away).</summary>
    Stopped,
}

/// <summary>A variant a split assigned: the split's node id and the variant's name (<c>control</c> for the control group).</summary>
public sealed record VariantAssignment(string Split, string Variant);

/// <summary>A message an instance sent: from which send step, under which effect key (the message's id), on which channel, when.</summary>
public sealed record SentMessage(string Node, string Key, string Channel, DateTimeOffset At);

/// <summary>
/// One profile's progress through one version of a journey, as an immutable value: the engine stores it and hands
/// it back to <see cref="JourneyRuntime.Advance"/> with each input; the runtime returns the next value. Serialises with
/// System.Text.Json.
/// </summary>
public sealed record JourneyInstance
{
    /// <summary>The instance's id, unique in the workspace; part of every effect key.</summary>
    public required long Id { get; init; }

    public required long ProfileId { get; init; }

    public required long JourneyId { get; init; }

    /// <summary>The journey version it runs on, to the end (an edit publishes a new version; running instances keep theirs).</summary>
    public required int Version { get; init; }

    public required InstanceStatus Status { get; init; }

    /// <summary>The step it is at (or left the steps from).</summary>
    public required string NodeId { get; init; }

    public required DateTimeOffset EnteredAt { get; init; }

    /// <summary>When it arrived at <see cref="NodeId"/>; a wait for an event only takes events stamped at or after this.</summary>
    public DateTimeOffset StepStartedAt { get; init; }

    /// <summary>The latest instant it has been advanced to; an input stamped earlier is handled at this instant.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The entry key (<c>cart_id</c>'s value, a birthday's date, a broadcast's instant); null for unkeyed triggers.</summary>
    public string? EntryKey { get; init; }

    /// <summary>The properties of the event or call that started it, for personalisation (the cart's items); undefined when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public EventProperties EntryProperties { get; init; }

    /// <summary>
    /// The properties of later trigger events with the same entry key while it is in progress (a second and third
    /// <c>Product Added</c> to the same cart), oldest first, at most <see cref="JourneyRuntime.MaxKeyedEvents"/>: with
    /// <see cref="EntryProperties"/> they are the cart a reminder names.
    /// </summary>
    public IReadOnlyList<EventProperties> KeyedEvents { get; init; } = [];

    /// <summary>How many times it has arrived at each step; the visit number is part of each effect key.</summary>
    public VisitCounts Visits { get; init; } = VisitCounts.Empty;

    /// <summary>The variants splits assigned it, in the order it passed them.</summary>
    public IReadOnlyList<VariantAssignment> Variants { get; init; } = [];

    /// <summary>The channel the last choose-channel step picked.</summary>
    public string? Channel { get; init; }

    /// <summary>The last message sent from each send step it passed, latest last.</summary>
    public IReadOnlyList<SentMessage> Messages { get; init; } = [];

    /// <summary>When time alone next moves it: the end of a wait, a wait-for-event's timeout, or the end of the goal window.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>When it reached the goal (the goal event's timestamp); null before.</summary>
    public DateTimeOffset? ConvertedAt { get; init; }

    public ExitReason? ExitReason { get; init; }

    /// <summary>When it left the steps; null while <see cref="InstanceStatus.Waiting"/>.</summary>
    public DateTimeOffset? ExitedAt { get; init; }

    /// <summary>Whether it is still going through the steps (what "one at a time" looks at).</summary>
    public bool InProgress => Status == InstanceStatus.Waiting;

    public bool Equals(JourneyInstance? other) =>
        other is not null && Id == other.Id && ProfileId == other.ProfileId && JourneyId == other.JourneyId && Version == other.Version
        && Status == other.Status && NodeId == other.NodeId && EnteredAt == other.EnteredAt && StepStartedAt == other.StepStartedAt
        && UpdatedAt == other.UpdatedAt && EntryKey == other.EntryKey && EntryProperties.Equals(other.EntryProperties)
        && KeyedEvents.SequenceEqual(other.KeyedEvents)
        && Visits.Equals(other.Visits) && Variants.SequenceEqual(other.Variants) && Channel == other.Channel
        && Messages.SequenceEqual(other.Messages) && WakeAt == other.WakeAt && ConvertedAt == other.ConvertedAt
        && ExitReason == other.ExitReason && ExitedAt == other.ExitedAt;

    public override int GetHashCode() => HashCode.Combine(Id, JourneyId, Version, Status, NodeId, UpdatedAt, Visits);
}
