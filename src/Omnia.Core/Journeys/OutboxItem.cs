using System.Text.Json;

namespace Omnia.Core.Journeys;

/// <summary>What an outbox item asks to be done.</summary>
public enum OutboxKind : byte
{
    /// <summary>Send a message (<see cref="SendMessage"/>).</summary>
    Message = 1,

    /// <summary>Call a webhook (<see cref="CallWebhook"/>).</summary>
    Webhook = 2,

    /// <summary>Set traits on the profile (<see cref="UpdateProfile"/>).</summary>
    ProfileUpdate = 3,
}

/// <summary>Where an outbox item stands.</summary>
public enum OutboxStatus : byte
{
    Pending = 0,

    /// <summary>Carried out (sent, called, written).</summary>
    Done = 1,

    /// <summary>Not carried out on purpose: the contact policy refused it (consent, suppression, caps, quiet hours skip).</summary>
    Suppressed = 2,

    /// <summary>Given up after repeated failures (the webhook dead-letter list).</summary>
    Failed = 3,

    /// <summary>
    /// Being handed to the provider right now: set durably before the send and replaced by the outcome after it, so
    /// an item still in this state at start was interrupted by a crash (it may or may not have left).
    /// </summary>
    Sending = 4,
}

/// <summary>
/// A side effect of a journey to carry out exactly once: written by the engine under the effect's idempotency key
/// (a second write with the same key is ignored, which is how a replay after a crash is recognised), then taken up by
/// the dispatcher, which applies the contact policy, sends, and records the outcome.
/// </summary>
/// <param name="Payload">The effect as JSON (read it back with <see cref="Message"/>, <see cref="Webhook"/> or <see cref="ProfileUpdate"/>).</param>
public sealed record OutboxItem(
    string Key, int WorkspaceId, long ProfileId, long JourneyId, int Version, OutboxKind Kind, DateTimeOffset At, string Payload)
{
    /// <summary>Not before this instant (quiet hours defer; failures back off).</summary>
    public DateTimeOffset NotBefore { get; init; } = At;

    public OutboxStatus Status { get; init; }

    public int Attempts { get; init; }

    /// <summary>What happened, in words (a suppression's reason, the last failure).</summary>
    public string? Outcome { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The item for a journey effect that goes to the outbox, or null for one that does not (steps, wakes, exits, goals).</summary>
    public static OutboxItem? From(int workspaceId, CompiledJourney journey, JourneyEffect effect)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(effect);
        var (kind, payload) = effect switch
        {
            SendMessage send => (OutboxKind.Message, JsonSerializer.Serialize(send, Json)),
            CallWebhook call => (OutboxKind.Webhook, JsonSerializer.Serialize(call, Json)),
            UpdateProfile update => (OutboxKind.ProfileUpdate, JsonSerializer.Serialize(
                new ProfileUpdatePayload(update.Key, update.ProfileId, update.NodeId, update.At,
                    update.Traits.ToDictionary(t => t.Name, t => t.Value is null ? null : Segments.SegmentJsonWriter.LiteralJson(t.Value))), Json)),
            _ => ((OutboxKind)0, ""),
        };
        return kind == 0 ? null : new OutboxItem(effect.Key, workspaceId, effect.ProfileId, journey.JourneyId, journey.Version, kind, effect.At, payload);
    }

    /// <summary>The message to send (for <see cref="OutboxKind.Message"/>).</summary>
    public SendMessage Message() => JsonSerializer.Deserialize<SendMessage>(Payload, Json)!;

    /// <summary>The webhook to call (for <see cref="OutboxKind.Webhook"/>).</summary>
    public CallWebhook Webhook() => JsonSerializer.Deserialize<CallWebhook>(Payload, Json)!;

    /// <summary>The traits to set, as JSON values (null removes) (for <see cref="OutboxKind.ProfileUpdate"/>).</summary>
    public ProfileUpdatePayload ProfileUpdate() => JsonSerializer.Deserialize<ProfileUpdatePayload>(Payload, Json)!;
}

/// <summary>An <see cref="UpdateProfile"/> effect with its trait values as JSON text (null: remove the trait).</summary>
public sealed record ProfileUpdatePayload(string Key, long ProfileId, string NodeId, DateTimeOffset At, IReadOnlyDictionary<string, string?> Traits);
