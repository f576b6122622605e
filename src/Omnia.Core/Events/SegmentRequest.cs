using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Omnia.Core.Events;

/// <summary>
/// A parsed Segment HTTP API request body (<c>/v1/track</c> … or <c>/v1/batch</c>). Validates each event
/// against the Segment spec and turns the valid ones into canonical <see cref="LogEvent"/>s.
/// </summary>
public sealed class SegmentRequest : IDisposable
{
    private static readonly HashSet<string> CanonicalFields =
        ["type", "messageId", "timestamp", "originalTimestamp", "sentAt", "receivedAt", "writeKey", "context"];

    private static readonly string[] ObjectFields = ["properties", "traits", "context", "integrations"];

    private readonly JsonDocument _document;

    private SegmentRequest(JsonDocument document, string? writeKey)
    {
        _document = document;
        WriteKey = writeKey;
    }

    /// <summary>The write key given in the body (<c>writeKey</c>), used when no Authorization header is sent.</summary>
    public string? WriteKey { get; }

    /// <summary>Parses a body; throws <see cref="SegmentFormatException"/> when it is not a JSON object.</summary>
    public static SegmentRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new SegmentFormatException("The request body is empty; send a JSON object.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new SegmentFormatException($"The request body is not valid JSON: {ex.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new SegmentFormatException("The request body must be a JSON object.");
        }

        string? writeKey = document.RootElement.TryGetProperty("writeKey", out var key) && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;
        return new SegmentRequest(document, writeKey);
    }

    /// <summary>
    /// Validates and converts the events. <paramref name="single"/> is the call type of a single-event
    /// endpoint, or null for <c>/v1/batch</c>.
    /// </summary>
    public EventParseResult Extract(EventType? single, int workspaceId, int sourceId, DateTimeOffset receivedAt)
    {
        var root = _document.RootElement;
        var accepted = new List<LogEvent>();
        var rejected = new List<EventRejection>();
        if (single is { } type)
        {
            Convert(root, 0, type, default, null, workspaceId, sourceId, receivedAt, accepted, rejected);
            return new EventParseResult(accepted, rejected);
        }

        if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
        {
            throw new SegmentFormatException("A batch request needs a 'batch' array of events: {\"batch\": [{\"type\": \"track\", ...}]}.");
        }

        DateTimeOffset? batchSentAt = null;
        if (root.TryGetProperty("sentAt", out var sentAtElement) && TryReadTimestamp(sentAtElement, out var parsed))
        {
            batchSentAt = parsed;
        }

        var batchContext = root.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object ? ctx : default;
        int index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                rejected.Add(new EventRejection(index, null, [$"batch[{index}] must be a JSON object."]));
            }
            else if (!item.TryGetProperty("type", out var typeElement) || !EventTypes.TryParse(typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null, out var itemType))
            {
                rejected.Add(new EventRejection(index, MessageIdOf(item), [$"batch[{index}].type must be one of track, identify, page, screen, group, alias."]));
            }
            else
            {
                Convert(item, index, itemType, batchContext, batchSentAt, workspaceId, sourceId, receivedAt, accepted, rejected);
            }

            index++;
        }

        if (index == 0)
        {
            throw new SegmentFormatException("The 'batch' array is empty; send at least one event.");
        }

        return new EventParseResult(accepted, rejected);
    }

    private static void Convert(
        JsonElement e, int index, EventType type, JsonElement batchContext, DateTimeOffset? batchSentAt,
        int workspaceId, int sourceId, DateTimeOffset receivedAt, List<LogEvent> accepted, List<EventRejection> rejected)
    {
        List<string>? errors = null;
        void Error(string message) => (errors ??= []).Add(message);

        string? messageId = ReadId(e, "messageId", Error);
        string? userId = ReadId(e, "userId", Error);
        string? anonymousId = ReadId(e, "anonymousId", Error);
        string? name = null;

        int rawBytes = JsonMarshal.GetRawUtf8Value(e).Length;
        if (rawBytes > EventLimits.MaxEventBytes)
        {
            Error($"The event is {rawBytes:N0} bytes; the limit is 32 KB per event.");
        }

        foreach (var objectField in ObjectFields)
        {
            if (e.TryGetProperty(objectField, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                Error($"'{objectField}' must be a JSON object.");
            }
        }

        switch (type)
        {
            case EventType.Track:
                name = e.TryGetProperty("event", out var ev) && ev.ValueKind == JsonValueKind.String ? ev.GetString() : null;
                if (string.IsNullOrWhiteSpace(name))
                {
                    Error("A track call needs a non-empty 'event' name, e.g. \"event\": \"Order Completed\".");
                }
                else if (name.Length > 200)
                {
                    Error("'event' is longer than 200 characters.");
                }

                break;
            case EventType.Page:
            case EventType.Screen:
                if (e.TryGetProperty("name", out var pageName))
                {
                    if (pageName.ValueKind == JsonValueKind.String)
                    {
                        name = pageName.GetString();
                    }
                    else if (pageName.ValueKind != JsonValueKind.Null)
                    {
                        Error("'name' must be a string.");
                    }
                }

                break;
            case EventType.Group:
                if (ReadId(e, "groupId", Error) is null)
                {
                    Error("A group call needs a 'groupId'.");
                }

                break;
            case EventType.Alias:
                if (ReadId(e, "previousId", Error) is null)
                {
                    Error("An alias call needs a 'previousId' (the old id) and a 'userId' (the new id).");
                }

                if (userId is null)
                {
                    Error("An alias call needs a 'userId' (the new id).");
                }

                break;
        }

        if (type != EventType.Alias && userId is null && anonymousId is null)
        {
            Error("Every call needs a 'userId' or an 'anonymousId'.");
        }

        DateTimeOffset? original = ReadTimestamp(e, "timestamp", Error);
        DateTimeOffset? sentAt = ReadTimestamp(e, "sentAt", Error) ?? batchSentAt;

        if (errors is not null)
        {
            rejected.Add(new EventRejection(index, messageId, errors));
            return;
        }

        messageId ??= "omnia-" + Guid.NewGuid().ToString("N");
        var timestamp = ClockSkew.Correct(original, sentAt, receivedAt);
        string json = WriteCanonical(e, type, messageId, timestamp, original, sentAt, receivedAt, batchContext);
        accepted.Add(new LogEvent(0, workspaceId, sourceId, messageId, type, name, userId, anonymousId, timestamp, receivedAt, json));
    }

    private static string WriteCanonical(
        JsonElement e, EventType type, string messageId, DateTimeOffset timestamp, DateTimeOffset? original,
        DateTimeOffset? sentAt, DateTimeOffset receivedAt, JsonElement batchContext)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", EventTypes.Name(type));
            writer.WriteString("messageId", messageId);
            foreach (var property in e.EnumerateObject())
            {
                if (!CanonicalFields.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            WriteContext(writer, e, batchContext);
            writer.WriteString("timestamp", Iso(timestamp));
            if (original is { } o)
            {
                writer.WriteString("originalTimestamp", Iso(o));
            }

            if (sentAt is { } s)
            {
                writer.WriteString("sentAt", Iso(s));
            }

            writer.WriteString("receivedAt", Iso(receivedAt));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Event context wins key by key over a batch-level context.</summary>
    private static void WriteContext(Utf8JsonWriter writer, JsonElement e, JsonElement batchContext)
    {
        bool hasOwn = e.TryGetProperty("context", out var own) && own.ValueKind == JsonValueKind.Object;
        bool hasBatch = batchContext.ValueKind == JsonValueKind.Object;
        if (!hasOwn && !hasBatch)
        {
            return;
        }

        writer.WritePropertyName("context");
        if (!hasBatch)
        {
            own.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in batchContext.EnumerateObject())
        {
            if (!hasOwn || !own.TryGetProperty(property.Name, out _))
            {
                property.WriteTo(writer);
            }
        }

        if (hasOwn)
        {
            foreach (var property in own.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>ISO-8601 UTC with milliseconds, as Segment writes timestamps.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? MessageIdOf(JsonElement e) =>
        e.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string? ReadId(JsonElement e, string field, Action<string> error)
    {
        if (!e.TryGetProperty(field, out var value))
        {
            return null;
        }

        string? id = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => Invalid(),
        };
        if (id is not null && id.Length > EventLimits.MaxIdLength)
        {
            error($"'{field}' is longer than {EventLimits.MaxIdLength} characters.");
            return null;
        }

        return string.IsNullOrWhiteSpace(id) ? null : id;

        string? Invalid()
        {
            error($"'{field}' must be a string.");
            return null;
        }
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement e, string field, Action<string> error)
    {
        if (!e.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (TryReadTimestamp(value, out var parsed))
        {
            return parsed;
        }

        error($"'{field}' must be an ISO-8601 date-time such as \"2024-03-01T12:00:00.000Z\", not {value.GetRawText()}.");
        return null;
    }

    private static bool TryReadTimestamp(JsonElement value, out DateTimeOffset parsed)
    {
        parsed = default;
        return value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: >= 10 } text
            && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed);
    }

    public void Dispose() => _document.Dispose();
}
