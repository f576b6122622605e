using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Goals;

/// <summary>Writes goals in the canonical form <see cref="GoalJsonReader"/> reads.</summary>
internal static class GoalJsonWriter
{
    public static string Write(ConversionGoal goal, bool indented) => SegmentJsonWriter.Write(writer => WriteGoal(writer, goal), indented);

    private static void WriteGoal(Utf8JsonWriter writer, ConversionGoal goal)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", ConversionGoal.CurrentVersion);
        writer.WriteString("slug", goal.Slug);
        writer.WriteString("name", goal.Name);
        if (goal.Description is not null)
            writer.WriteString("description", goal.Description);
        writer.WritePropertyName("event");
        writer.WriteStartObject();
        SegmentJsonWriter.WriteFilterFields(writer, goal.Event);
        writer.WriteEndObject();
        if (goal.ValueProperty is not null)
            writer.WriteString("value", goal.ValueProperty);
        writer.WriteString("lookback", goal.Lookback.ToString());
        writer.WritePropertyName("touchpoints");
        writer.WriteStartObject();
        writer.WriteString("messages", goal.Touchpoints.Messages.ToString().ToLowerInvariant());
        writer.WritePropertyName("excludeChannels");
        writer.WriteStartArray();
        foreach (var channel in goal.Touchpoints.ExcludeChannels)
            writer.WriteStringValue(channel);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
