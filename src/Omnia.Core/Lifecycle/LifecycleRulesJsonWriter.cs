using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>Writes lifecycle rules in their canonical JSON form, conditions as segment definitions write them.</summary>
internal static class LifecycleRulesJsonWriter
{
    public static void Write(Utf8JsonWriter writer, LifecycleRules rules)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", rules.Version);
        writer.WriteStartArray("rules");
        foreach (var rule in rules.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", LifecycleStages.Name(rule.Stage));
            writer.WritePropertyName("condition");
            SegmentJsonWriter.WriteCondition(writer, rule.Condition);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
