using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// What segment evaluation needs of one of a profile's events: its name (track event, page or screen name),
/// call type, time and properties.
/// </summary>
/// <param name="Properties">The event's <c>properties</c> object, or a default element when it has none.</param>
public sealed record ProfileEvent(string? Name, EventType Type, DateTimeOffset Timestamp, JsonElement Properties)
{
    /// <summary>Reads a logged event; the properties are copied out of its JSON, so they outlive any parse.</summary>
    public static ProfileEvent FromLogEvent(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var document = JsonDocument.Parse(logEvent.Json);
        var properties = document.RootElement.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Clone()
            : default;
        return new ProfileEvent(logEvent.Name, logEvent.Type, logEvent.Timestamp, properties);
    }
}
