using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Events;

/// <summary>Reads and writes an <see cref="EventValue"/> as the JSON value it holds.</summary>
public sealed class EventValueJsonConverter : JsonConverter<EventValue>
{
    public override EventValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return EventValue.FromJson(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, EventValue value, JsonSerializerOptions options) => value.WriteTo(writer);

    public override bool HandleNull => true;
}
