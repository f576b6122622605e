using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Segments;

/// <summary>
/// Lets <see cref="JsonSerializer"/> carry definitions inside API and storage documents in the definition
/// format. Reading an invalid definition throws a <see cref="JsonException"/> listing every error; callers
/// that need the errors as data use <see cref="SegmentDefinition.Parse(string)"/>.
/// </summary>
public sealed class SegmentDefinitionJsonConverter : JsonConverter<SegmentDefinition>
{
    public override SegmentDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var result = SegmentDefinition.Parse(document.RootElement.GetRawText());
        return result.IsValid
            ? result.Definition
            : throw new JsonException("Invalid segment definition: " + string.Join("; ", result.Errors));
    }

    public override void Write(Utf8JsonWriter writer, SegmentDefinition value, JsonSerializerOptions options) =>
        SegmentJsonWriter.WriteDefinition(writer, value);
}
