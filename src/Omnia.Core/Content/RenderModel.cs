using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>
/// What a template can read, as data. In Liquid:
/// <list type="table">
/// <item><term><c>profile.id</c></term><description>the profile's id</description></item>
/// <item><term><c>traits.*</c></term><description>the profile's traits as last set (<c>traits.first_name</c>)</description></item>
/// <item><term><c>computed.*</c></term><description>computed traits: the built-in ones (<c>computed.orderCount</c>,
/// <c>computed.revenue</c>, <c>computed.preferredChannel</c>, …), the workspace's own, <c>computed.persona</c> and
/// <c>computed.lifecycleStage</c>, each worked out only when a template reads it</description></item>
/// <item><term><c>event.*</c></term><description>the triggering event's properties (<c>event.products</c>, <c>event.cart_id</c>)</description></item>
/// <item><term><c>journey.*</c></term><description>the journey's context: <c>name</c>, <c>id</c>, <c>version</c>,
/// <c>step</c>, <c>entry_key</c>, <c>events</c> (the triggering event's properties followed by those of later events
/// with the same entry key: every <c>Product Added</c> to the cart) and any other values the caller adds</description></item>
/// <item><term><c>message.*</c></term><description><c>id</c>, <c>channel</c>, <c>campaign</c>, <c>unsubscribe_url</c></description></item>
/// <item><term><c>now</c></term><description>the instant of rendering (use with <c>| date:</c>; dates show in the profile's time zone)</description></item>
/// </list>
/// Anything absent renders as empty text; write <c>{{ traits.first_name | default: "there" }}</c> for a fallback.
/// </summary>
public sealed record RenderModel
{
    public long? ProfileId { get; init; }

    public IReadOnlyDictionary<string, EventValue> Traits { get; init; } = new Dictionary<string, EventValue>();

    public ComputedValues Computed { get; init; } = ComputedValues.None;

    /// <summary>The triggering event's properties.</summary>
    public EventProperties Event { get; init; }

    /// <summary>The journey's context; see <see cref="ForJourney"/>.</summary>
    public IReadOnlyDictionary<string, EventValue> Journey { get; init; } = new Dictionary<string, EventValue>();

    public MessageFields Message { get; init; } = MessageFields.None;

    /// <summary>The instant of rendering: the message's send time, never the machine's clock.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The profile's time zone, for dates; UTC unless given.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// A model for a real profile at <paramref name="now"/>: its traits, computed traits evaluated over its facts at
    /// <paramref name="now"/>, and its time zone (the <c>timezone</c> trait when it names a known zone).
    /// </summary>
    public static RenderModel ForProfile(ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var traits = new Dictionary<string, EventValue>(facts.Profile.Traits.Count, StringComparer.Ordinal);
        foreach (var (name, trait) in facts.Profile.Traits)
            traits[name] = trait.Value;
        return new RenderModel
        {
            ProfileId = facts.Profile.Id,
            Traits = traits,
            Computed = ComputedValues.From(facts, now),
            Now = now,
            TimeZone = ZoneOf(traits),
        };
    }

    /// <summary>This model with a journey's context and triggering event (from a <see cref="SendMessage"/> effect).</summary>
    public RenderModel ForJourney(string journeyName, long journeyId, int version, SendMessage send, IReadOnlyDictionary<string, EventValue>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        var journey = new Dictionary<string, EventValue>(StringComparer.Ordinal)
        {
            ["name"] = EventValue.Of(journeyName),
            ["id"] = EventValue.Of(journeyId),
            ["version"] = EventValue.Of(version),
            ["step"] = EventValue.Of(send.NodeId),
        };
        if (send.EntryKey is not null)
            journey["entry_key"] = EventValue.Of(send.EntryKey);
        journey["events"] = EventValue.List(new[] { send.EntryProperties }.Concat(send.KeyedEvents ?? []).Select(AsObject));
        foreach (var (key, value) in extra ?? new Dictionary<string, EventValue>())
            journey[key] = value;
        return this with { Journey = journey, Event = send.EntryProperties };
    }

    /// <summary>Event properties as one object value.</summary>
    private static EventValue AsObject(EventProperties properties)
    {
        var json = new System.Text.StringBuilder("{");
        foreach (var property in properties.Items)
        {
            if (json.Length > 1)
                json.Append(',');
            json.Append(System.Text.Json.JsonSerializer.Serialize(property.Name)).Append(':').Append(property.Value.ToJson());
        }

        return EventValue.ObjectFromJson(json.Append('}').ToString());
    }

    /// <summary>The zone a <c>timezone</c> (or <c>timeZone</c>, <c>time_zone</c>) trait names, else UTC.</summary>
    public static TimeZoneInfo ZoneOf(IReadOnlyDictionary<string, EventValue> traits)
    {
        ArgumentNullException.ThrowIfNull(traits);
        foreach (var name in (ReadOnlySpan<string>)["timezone", "timeZone", "time_zone"])
        {
            if (traits.TryGetValue(name, out var value) && ZonedTime.TryFindZone(value.String, out var zone))
                return zone;
        }
        return TimeZoneInfo.Utc;
    }
}

/// <summary>The message a rendering belongs to: <c>message.id</c>, <c>message.channel</c>, <c>message.campaign</c>, <c>message.unsubscribe_url</c>.</summary>
public sealed record MessageFields(string? Id, string? Channel, string? Campaign, string? UnsubscribeUrl)
{
    public static MessageFields None { get; } = new(null, null, null, null);
}
