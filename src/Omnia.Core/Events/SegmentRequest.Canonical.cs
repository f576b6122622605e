using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Omnia.Core.Events;

/// <summary>Writing an accepted event as the log stores it.</summary>
public sealed partial class SegmentRequest
{
    private static byte[] WriteCanonical(
        JsonElement e, EventType type, string messageId, DateTimeOffset timestamp, DateTimeOffset? original,
        DateTimeOffset? sentAt, DateTimeOffset receivedAt, JsonElement batchContext)
    {
        bool mergeTraits = type == EventType.Identify && ContextTraits(e, batchContext).ValueKind == JsonValueKind.Object;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", EventTypes.Name(type));
            writer.WriteString("messageId", messageId);
            foreach (var property in e.EnumerateObject())
            {
                if (!CanonicalFields.Contains(property.Name) && !(mergeTraits && property.NameEquals("traits")))
                {
                    property.WriteTo(writer);
                }
            }

            if (mergeTraits)
            {
                WriteTraits(writer, e, ContextTraits(e, batchContext));
            }

            WriteContext(writer, e, batchContext);
            writer.WriteString("timestamp"u8, IsoUtf8(timestamp, stackalloc byte[24]));
            if (original is { } o)
            {
                writer.WriteString("originalTimestamp"u8, IsoUtf8(o, stackalloc byte[24]));
            }

            if (sentAt is { } s)
            {
                writer.WriteString("sentAt"u8, IsoUtf8(s, stackalloc byte[24]));
            }

            writer.WriteString("receivedAt"u8, IsoUtf8(receivedAt, stackalloc byte[24]));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray(); // UTF-8 from the request to the log, never a UTF-16 string
    }

    /// <summary>The <c>context.traits</c> an event carries (its own context's, else the batch's), or default.</summary>
    private static JsonElement ContextTraits(JsonElement e, JsonElement batchContext)
    {
        if (e.TryGetProperty("context", out var own) && own.ValueKind == JsonValueKind.Object
            && own.TryGetProperty("traits", out var traits) && traits.ValueKind == JsonValueKind.Object)
        {
            return traits;
        }

        return batchContext.ValueKind == JsonValueKind.Object && batchContext.TryGetProperty("traits", out var shared) && shared.ValueKind == JsonValueKind.Object
            ? shared
            : default;
    }

    /// <summary>
    /// An identify's traits: <c>context.traits</c> (where RudderStack's SDKs put them) merged with <c>traits</c>,
    /// whose keys win.
    /// </summary>
    private static void WriteTraits(Utf8JsonWriter writer, JsonElement e, JsonElement contextTraits)
    {
        bool hasOwn = e.TryGetProperty("traits", out var own) && own.ValueKind == JsonValueKind.Object;
        writer.WritePropertyName("traits");
        writer.WriteStartObject();
        foreach (var property in contextTraits.EnumerateObject())
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
}
