using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Events;

/// <summary>Reads and writes <see cref="EventProperties"/> as the JSON object they hold (null when there are none).</summary>
public sealed class EventPropertiesJsonConverter : JsonConverter<EventProperties>
{
    public override EventProperties Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return EventProperties.FromJson(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, EventProperties value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Count == 0)
            writer.WriteNullValue();
        else
            value.WriteTo(writer);
    }
}
