using System.Text.Json;
using System.Text.Json.Serialization;
using Omnia.Core.Events;

namespace Omnia.Core.Profiles;

/// <summary>
/// Everything Omnia derives about one person from the events resolved to them. Mutable: the profile
/// processor owns it and applies events with <see cref="ProfileProjector"/>; it is persisted as JSON.
/// </summary>
public sealed class ProfileState
{
    public long Id { get; set; }

    public int WorkspaceId { get; set; }

    /// <summary>Traits from identify calls; each keeps the timestamp of the event that set it (latest wins).</summary>
    public Dictionary<string, TraitValue> Traits { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset FirstSeen { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

    public long EventCount { get; set; }

    public int OrderCount { get; set; }

    public decimal Revenue { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>The touchpoint of the person's earliest event (first-touch acquisition).</summary>
    public Acquisition? Acquisition { get; set; }

    /// <summary>Latest consent per channel (email, sms, push, …).</summary>
    public Dictionary<string, ConsentState> Consent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Events per channel, for preferred channel and channel mix.</summary>
    public Dictionary<string, int> ChannelCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Product events per product category (a <c>category</c> property, or each product of an order's
    /// <c>products</c>), for category affinity and personas.
    /// </summary>
    public Dictionary<string, int> CategoryCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The latest push token the person's app reported (Segment's <c>context.device.token</c>: an FCM registration
    /// token or an APNs device token), with when; null until an event carries one.
    /// </summary>
    public PushToken? PushToken { get; set; }

    /// <summary>A copy that shares nothing mutable with this one (values and records are immutable).</summary>
    public ProfileState Clone() => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        Traits = new Dictionary<string, TraitValue>(Traits, StringComparer.Ordinal),
        FirstSeen = FirstSeen,
        LastSeen = LastSeen,
        EventCount = EventCount,
        OrderCount = OrderCount,
        Revenue = Revenue,
        LastOrderAt = LastOrderAt,
        Acquisition = Acquisition,
        Consent = new Dictionary<string, ConsentState>(Consent, StringComparer.Ordinal),
        ChannelCounts = new Dictionary<string, int>(ChannelCounts, StringComparer.Ordinal),
        CategoryCounts = new Dictionary<string, int>(CategoryCounts, StringComparer.Ordinal),
        PushToken = PushToken,
    };
}

/// <summary>A trait value and when it was set.</summary>
public readonly record struct TraitValue(EventValue Value, DateTimeOffset At)
{
    /// <summary>A trait value copied out of a JSON element.</summary>
    public TraitValue(JsonElement value, DateTimeOffset at)
        : this(EventValue.FromJson(value), at)
    {
    }
}

/// <summary>The first-touch channel and campaign of a profile.</summary>
public sealed record Acquisition(string Channel, string? Campaign, string? Source, string? Medium, DateTimeOffset At);

/// <summary>A device's push token and the time of the event that reported it.</summary>
public sealed record PushToken(string Token, DateTimeOffset At);

/// <summary>Consent for one channel: subscribed or not, when, and why (the event that said so).</summary>
public sealed record ConsentState(bool Subscribed, DateTimeOffset At, string Reason);

/// <summary>JSON settings shared by profile persistence and the API.</summary>
public static class ProfileJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
