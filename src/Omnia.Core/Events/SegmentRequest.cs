using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Omnia.Core.Events;

/// <summary>
/// A parsed Segment HTTP API request body (<c>/v1/track</c> … or <c>/v1/batch</c>). Validates each event
/// against the Segment spec and turns the valid ones into canonical <see cref="LogEvent"/>s.
/// </summary>
public sealed partial class SegmentRequest : IDisposable
{
    private static readonly HashSet<string> CanonicalFields =
        ["type", "messageId", "timestamp", "originalTimestamp", "sentAt", "receivedAt", "writeKey", "context"];

    private static readonly string[] ObjectFields = ["properties", "traits", "context", "integrations"];

    private readonly JsonDocument _document;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly IReadOnlyList<int> _invalidUtf8;

    private SegmentRequest(JsonDocument document, ReadOnlyMemory<byte> body, IReadOnlyList<int> invalidUtf8, string? writeKey)
    {
        _document = document;
        _body = body;
        _invalidUtf8 = invalidUtf8;
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

        // Bytes that are not UTF-8 parse (inside strings), but no string holding them can be read: find them
        // now, so that only the event holding them is rejected.
        var invalidUtf8 = InvalidUtf8.Find(body.Span);
        string? writeKey;
        try
        {
            writeKey = document.RootElement.TryGetProperty("writeKey", out var key) && key.ValueKind == JsonValueKind.String
                ? key.GetString()
                : null;
        }
        catch (InvalidOperationException)
        {
            document.Dispose();
            throw new SegmentFormatException(
                "The request body holds a string that is not valid Unicode (bytes that are not UTF-8, or an escaped lone surrogate such as \\udc00) outside any event.");
        }

        return new SegmentRequest(document, body, invalidUtf8, writeKey);
    }

    /// <summary>
    /// Validates and converts the events. <paramref name="single"/> is the call type of a single-event
    /// endpoint, or null for <c>/v1/batch</c>. <paramref name="headerSentAt"/> and <paramref name="headerAnonymousId"/>
    /// are what RudderStack's SDKs send as <c>SentAt</c> and <c>AnonymousId</c> headers: used when the body has none.
    /// </summary>
    public EventParseResult Extract(
        EventType? single, int workspaceId, int sourceId, DateTimeOffset receivedAt,
        DateTimeOffset? headerSentAt = null, string? headerAnonymousId = null)
    {
        var root = _document.RootElement;
        var accepted = new List<LogEvent>();
        var rejected = new List<EventRejection>();
        var request = new RequestDefaults(default, headerSentAt, headerAnonymousId, workspaceId, sourceId, receivedAt);
        if (single is { } type)
        {
            ConvertGuarded(root, 0, type, request, accepted, rejected);
            return new EventParseResult(accepted, rejected);
        }

        int index = 0;
        try
        {
            if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                throw new SegmentFormatException("A batch request needs a 'batch' array of events: {\"batch\": [{\"type\": \"track\", ...}]}.");
            }

            if (root.TryGetProperty("sentAt", out var sentAtElement) && TryReadTimestamp(sentAtElement, out var parsed))
            {
                request = request with { SentAt = parsed };
            }

            if (root.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Object)
            {
                request = request with { Context = ctx };
            }

            OutsideEvents(batch);
            foreach (var item in batch.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    rejected.Add(new EventRejection(index, null, [$"batch[{index}] must be a JSON object."]));
                }
                else
                {
                    ConvertGuarded(item, index, null, request, accepted, rejected);
                }

                index++;
            }
        }
        catch (InvalidOperationException)
        {
            throw new SegmentFormatException(
                "The batch holds a string that is not valid Unicode (an escaped lone surrogate such as \\udc00) outside its events, e.g. in its 'context'.");
        }

        if (index == 0)
        {
            throw new SegmentFormatException("The 'batch' array is empty; send at least one event.");
        }

        return new EventParseResult(accepted, rejected);
    }

    /// <summary>What a request gives each of its events: batch context, sentAt (body or header), the AnonymousId header.</summary>
    private readonly record struct RequestDefaults(
        JsonElement Context, DateTimeOffset? SentAt, string? AnonymousId, int WorkspaceId, int SourceId, DateTimeOffset ReceivedAt);

    /// <summary>Bytes that are not UTF-8 outside every event of a batch would reach all of them (batch context): the request is refused.</summary>
    private void OutsideEvents(JsonElement batch)
    {
        if (_invalidUtf8.Count == 0)
        {
            return;
        }

        foreach (int offset in _invalidUtf8)
        {
            bool inEvent = false;
            foreach (var item in batch.EnumerateArray())
            {
                var (start, length) = RangeOf(item);
                inEvent |= offset >= start && offset < start + length;
            }

            if (!inEvent)
            {
                throw new SegmentFormatException($"Byte {offset:N0} of the request body is not UTF-8 and lies outside the batch's events; send UTF-8 text.");
            }
        }
    }

    /// <summary>Where <paramref name="e"/>'s JSON text lies in the request body.</summary>
    private (int Start, int Length) RangeOf(JsonElement e)
    {
        var raw = JsonMarshal.GetRawUtf8Value(e);
        int start = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_body.Span), ref MemoryMarshal.GetReference(raw));
        return (start, raw.Length);
    }

    /// <summary>
    /// Converts one event; a string in it that cannot be read (bytes that are not UTF-8, an escaped lone surrogate)
    /// rejects that event alone, with where the problem is.
    /// </summary>
    private void ConvertGuarded(JsonElement e, int index, EventType? type, RequestDefaults request, List<LogEvent> accepted, List<EventRejection> rejected)
    {
        if (_invalidUtf8.Count > 0)
        {
            var (start, length) = RangeOf(e);
            foreach (int offset in _invalidUtf8)
            {
                if (offset >= start && offset < start + length)
                {
                    rejected.Add(new EventRejection(index, null,
                        [$"The event holds bytes that are not UTF-8 (byte {offset - start:N0} of the event, {offset:N0} of the request body); send UTF-8 text."]));
                    return;
                }
            }
        }

        try
        {
            if (type is null)
            {
                if (!e.TryGetProperty("type", out var typeElement) || !EventTypes.TryParse(typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null, out var itemType))
                {
                    rejected.Add(new EventRejection(index, MessageIdOf(e), [$"batch[{index}].type must be one of track, identify, page, screen, group, alias."]));
                    return;
                }

                type = itemType;
            }

            Convert(e, index, type.Value, request, accepted, rejected);
        }
        catch (InvalidOperationException ex)
        {
            rejected.Add(new EventRejection(index, null,
                [$"The event holds a string that is not valid Unicode ({ex.Message.TrimEnd('.')}); an escaped surrogate such as \\udc00 must be part of a pair."]));
        }
    }

    private static void Convert(JsonElement e, int index, EventType type, RequestDefaults request, List<LogEvent> accepted, List<EventRejection> rejected)
    {
        List<string>? errors = null;
        void Error(string message) => (errors ??= []).Add(message);

        string? messageId = ReadId(e, "messageId", Error);
        string? userId = ReadId(e, "userId", Error);
        string? anonymousId = ReadId(e, "anonymousId", Error) ?? (userId is null ? request.AnonymousId : null);
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

        if (e.TryGetProperty("properties", out var properties))
        {
            EventAmounts.Check(properties, Error);
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

        // RudderStack's SDKs send only originalTimestamp (and sentAt): it is the device's time of the event.
        DateTimeOffset? original = ReadTimestamp(e, "timestamp", Error) ?? ReadTimestamp(e, "originalTimestamp", Error);
        DateTimeOffset? sentAt = ReadTimestamp(e, "sentAt", Error) ?? request.SentAt;
        var receivedAt = request.ReceivedAt;
        var timestamp = ClockSkew.Correct(original, sentAt, receivedAt);
        if (timestamp is null)
        {
            Error("'timestamp' and 'sentAt' are so far apart that the clock-skew correction gives no date; send both from the same clock.");
        }
        else if (EventTimeRange.Problem(timestamp.Value, receivedAt) is { } outOfRange)
        {
            Error(outOfRange);
        }

        if (errors is not null)
        {
            rejected.Add(new EventRejection(index, messageId, errors));
            return;
        }

        messageId ??= "omnia-" + Guid.NewGuid().ToString("N");
        // The log keeps milliseconds (as Segment does): the event handed on in memory must be the one read back later.
        var at = ToMilliseconds(timestamp!.Value);
        var received = ToMilliseconds(receivedAt);
        byte[] json = WriteCanonical(e, type, messageId, at, original, sentAt, received, request.Context);
        accepted.Add(new LogEvent(0, request.WorkspaceId, request.SourceId, messageId, type, name, userId, anonymousId, at, received, json));
    }

    private static DateTimeOffset ToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>ISO-8601 UTC with milliseconds, as Segment writes timestamps.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Iso"/> written as UTF-8 into <paramref name="destination"/> (24 bytes), without a format string or a
    /// string: every logged event carries several of these.
    /// </summary>
    internal static ReadOnlySpan<byte> IsoUtf8(DateTimeOffset value, Span<byte> destination)
    {
        var t = value.UtcDateTime;
        static void Digits(Span<byte> to, int number, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                to[i] = (byte)('0' + (number % 10));
                number /= 10;
            }
        }

        var d = destination[..24];
        Digits(d, t.Year, 4);
        d[4] = (byte)'-';
        Digits(d[5..], t.Month, 2);
        d[7] = (byte)'-';
        Digits(d[8..], t.Day, 2);
        d[10] = (byte)'T';
        Digits(d[11..], t.Hour, 2);
        d[13] = (byte)':';
        Digits(d[14..], t.Minute, 2);
        d[16] = (byte)':';
        Digits(d[17..], t.Second, 2);
        d[19] = (byte)'.';
        Digits(d[20..], t.Millisecond, 3);
        d[23] = (byte)'Z';
        return d;
    }

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
