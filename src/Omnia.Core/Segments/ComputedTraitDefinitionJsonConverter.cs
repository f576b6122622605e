using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Segments;

/// <summary>
/// Lets <see cref="JsonSerializer"/> carry computed trait definitions inside API and storage documents in the
/// definition format. Reading an invalid definition throws a <see cref="JsonException"/> listing every error.
/// </summary>
public sealed class ComputedTraitDefinitionJsonConverter : JsonConverter<ComputedTraitDefinition>
{
    public override ComputedTraitDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var result = ComputedTraitDefinition.Parse(document.RootElement.GetRawText());
        return result.IsValid
            ? result.Definition
            : throw new JsonException("Invalid computed trait definition: " + string.Join("; ", result.Errors));
    }

    public override void Write(Utf8JsonWriter writer, ComputedTraitDefinition value, JsonSerializerOptions options) =>
        SegmentJsonWriter.WriteComputedTrait(writer, value);
}
