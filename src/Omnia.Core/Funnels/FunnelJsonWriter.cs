using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Funnels;

/// <summary>Writes funnels in the form <see cref="FunnelJsonReader"/> reads.</summary>
internal static class FunnelJsonWriter
{
    public static string Write(FunnelDefinition funnel, bool indented) => SegmentJsonWriter.Write(writer => WriteFunnel(writer, funnel), indented);

    private static void WriteFunnel(Utf8JsonWriter writer, FunnelDefinition funnel)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", FunnelDefinition.CurrentVersion);
        writer.WriteString("slug", funnel.Slug);
        writer.WriteString("name", funnel.Name);
        if (funnel.Description is not null)
            writer.WriteString("description", funnel.Description);
        SegmentJsonWriter.WriteFunnelSpecFields(writer, funnel.Spec);
        if (funnel.Survey is { } survey)
        {
            writer.WriteStartObject("survey");
            writer.WriteString("question", survey.Question);
            writer.WriteStartArray("choices");
            foreach (var choice in survey.Choices)
                writer.WriteStringValue(choice);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
