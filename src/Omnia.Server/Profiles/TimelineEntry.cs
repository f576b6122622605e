using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Profiles;

/// <summary>One event on a profile's cross-channel timeline, with its touchpoint classification.</summary>
public sealed record TimelineEntry(
    long Seq,
    string MessageId,
    string Type,
    string? Event,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    string Channel,
    string ChannelName,
    string? Campaign,
    string ChannelReason,
    string? Url,
    JsonElement? Properties,
    JsonElement? Traits)
{
    public static TimelineEntry From(LogEvent e, ChannelRules rules)
    {
        using var document = JsonDocument.Parse(e.Json);
        var root = document.RootElement;
        var input = TouchpointInput.FromEvent(root);
        var touchpoint = TouchpointClassifier.Classify(in input, rules);
        return new TimelineEntry(
            e.Seq,
            e.MessageId,
            EventTypes.Name(e.Type),
            e.Name,
            e.Timestamp,
            e.ReceivedAt,
            touchpoint.Channel,
            Channels.DisplayName(touchpoint.Channel),
            touchpoint.Campaign,
            touchpoint.Reason,
            input.PageUrl,
            Object(root, "properties"),
            Object(root, "traits"));
    }

    private static JsonElement? Object(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.Clone() : null;
}
