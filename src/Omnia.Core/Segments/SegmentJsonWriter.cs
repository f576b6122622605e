using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// Writes definitions in the canonical JSON form: camelCase keys in a fixed order, defaults left out (a count
/// of "at least once", an "ever" window), dates as ISO-8601 UTC with <c>Z</c>, durations as written.
/// </summary>
internal static class SegmentJsonWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string Write(SegmentDefinition definition, bool indented) => Write(writer => WriteDefinition(writer, definition), indented);

    public static string Write(ComputedTraitDefinition definition, bool indented) => Write(writer => WriteComputedTrait(writer, definition), indented);

    /// <summary>Runs <paramref name="write"/> on a writer with the canonical settings and returns the text.</summary>
    internal static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = Encoder }))
            write(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void WriteComputedTrait(Utf8JsonWriter writer, ComputedTraitDefinition definition)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", definition.Version);
        writer.WriteString("name", definition.Name);
        if (definition.Description is not null)
            writer.WriteString("description", definition.Description);
        writer.WriteStartObject("event");
        WriteFilterFields(writer, definition.Event);
        writer.WriteEndObject();
        writer.WriteString("fn", SegmentWords.Word(definition.Function));
        if (definition.Property is not null)
            writer.WriteString("property", definition.Property);
        WriteWindow(writer, definition.Window);
        writer.WriteEndObject();
    }

    public static void WriteDefinition(Utf8JsonWriter writer, SegmentDefinition definition)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", definition.Version);
        writer.WriteString("name", definition.Name);
        if (definition.Description is not null)
            writer.WriteString("description", definition.Description);
        writer.WritePropertyName("condition");
        WriteCondition(writer, definition.Condition);
        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="condition"/> as a JSON object, for every format that embeds conditions.</summary>
    internal static void WriteCondition(Utf8JsonWriter writer, Condition condition)
    {
        writer.WriteStartObject();
        switch (condition)
        {
            case AndCondition and:
                WriteGroup(writer, "and", and.Conditions);
                break;
            case OrCondition or:
                WriteGroup(writer, "or", or.Conditions);
                break;
            case NotCondition not:
                writer.WritePropertyName("not");
                WriteCondition(writer, not.Inner);
                break;
            case TraitCondition trait:
                writer.WriteStartObject("trait");
                WriteComparison(writer, "name", trait.Name, trait.Op, trait.Value);
                writer.WriteEndObject();
                break;
            case EventCondition e:
                writer.WriteStartObject("event");
                WriteFilterFields(writer, e.Event);
                if (e.Count is { } count && count != CountRule.AtLeastOnce)
                {
                    writer.WriteStartObject("count");
                    writer.WriteString("op", SegmentWords.Word(count.Op));
                    writer.WriteNumber("value", count.Value);
                    writer.WriteEndObject();
                }
                if (e.Aggregate is { } aggregate)
                {
                    writer.WriteStartObject("aggregate");
                    writer.WriteString("fn", SegmentWords.Word(aggregate.Function));
                    if (aggregate.Property is not null)
                        writer.WriteString("property", aggregate.Property);
                    writer.WriteString("op", SegmentWords.Word(aggregate.Op));
                    writer.WriteNumber("value", aggregate.Value);
                    writer.WriteEndObject();
                }
                WriteWindow(writer, e.Window);
                writer.WriteEndObject();
                break;
            case SequenceCondition sequence:
                writer.WriteStartObject("sequence");
                writer.WriteStartObject("first");
                WriteFilterFields(writer, sequence.First);
                writer.WriteEndObject();
                writer.WriteStartObject("then");
                WriteFilterFields(writer, sequence.Then);
                writer.WriteEndObject();
                writer.WriteString("within", sequence.Within.ToString());
                writer.WriteBoolean("did", sequence.Did);
                if (sequence.Key is not null)
                    writer.WriteString("key", sequence.Key);
                WriteWindow(writer, sequence.Window);
                writer.WriteEndObject();
                break;
            case InSegmentCondition segment:
                writer.WriteString("segment", segment.Slug);
                break;
            case ConsentCondition consent:
                writer.WriteStartObject("consent");
                writer.WriteString("channel", consent.Channel);
                writer.WriteBoolean("subscribed", consent.Subscribed);
                writer.WriteEndObject();
                break;
            case ComputedCondition computed:
                writer.WriteStartObject("computed");
                WriteComparison(writer, "name", computed.Name, computed.Op, computed.Value);
                writer.WriteEndObject();
                break;
            case BucketCondition bucket:
                writer.WriteStartObject("bucket");
                writer.WriteNumber("from", bucket.From);
                writer.WriteNumber("to", bucket.To);
                writer.WriteEndObject();
                break;
            case PersonaCondition persona:
                WriteChoice(writer, "persona", persona.Personas);
                break;
            case LifecycleStageCondition stage:
                WriteChoice(writer, "lifecycleStage", stage.Stages.Select(Lifecycle.LifecycleStages.Name).ToList());
                break;
            case FunnelCondition funnel:
                writer.WriteStartObject("funnel");
                WriteFunnelSpecFields(writer, funnel.Funnel);
                writer.WriteNumber("droppedAfter", funnel.DroppedAfter);
                if (funnel.Period.From is not null || funnel.Period.To is not null)
                {
                    writer.WriteStartObject("period");
                    if (funnel.Period.From is { } from)
                        writer.WriteString("from", IsoDate.Format(from));
                    if (funnel.Period.To is { } to)
                        writer.WriteString("to", IsoDate.Format(to));
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition));
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a funnel's <c>steps</c>, <c>within</c> and <c>order</c>.</summary>
    internal static void WriteFunnelSpecFields(Utf8JsonWriter writer, Funnels.FunnelSpec spec)
    {
        writer.WriteStartArray("steps");
        foreach (var step in spec.Steps)
        {
            writer.WriteStartObject();
            WriteFilterFields(writer, step.Event);
            if (step.Label is not null)
                writer.WriteString("label", step.Label);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("within", spec.Within.ToString());
        writer.WriteString("order", spec.Order == Funnels.FunnelOrder.Strict ? "strict" : "any");
    }

    /// <summary><c>"kind":"x"</c> for one value, <c>"kind":{"in":[…]}</c> for several.</summary>
    private static void WriteChoice(Utf8JsonWriter writer, string kind, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(kind, values[0]);
            return;
        }
        writer.WriteStartObject(kind);
        writer.WriteStartArray("in");
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter writer, string kind, IReadOnlyList<Condition> conditions)
    {
        writer.WriteStartArray(kind);
        foreach (var condition in conditions)
            WriteCondition(writer, condition);
        writer.WriteEndArray();
    }

    internal static void WriteFilterFields(Utf8JsonWriter writer, EventFilter filter)
    {
        writer.WriteString("name", filter.Name);
        if (filter.Type is { } type)
            writer.WriteString("type", EventTypes.Name(type));
        if (filter.Where.Count == 0)
            return;
        writer.WriteStartArray("where");
        foreach (var where in filter.Where)
        {
            writer.WriteStartObject();
            WriteComparison(writer, "property", where.Property, where.Op, where.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteComparison(Utf8JsonWriter writer, string nameKey, string name, ComparisonOp op, Literal? value)
    {
        writer.WriteString(nameKey, name);
        writer.WriteString("op", SegmentWords.Word(op));
        if (value is null)
            return;
        writer.WritePropertyName("value");
        WriteLiteral(writer, value);
    }

    /// <summary>A literal as JSON text.</summary>
    internal static string LiteralJson(Literal literal)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
            WriteLiteral(writer, literal);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void WriteLiteral(Utf8JsonWriter writer, Literal literal)
    {
        switch (literal)
        {
            case StringLiteral s:
                writer.WriteStringValue(s.Value);
                break;
            case NumberLiteral n:
                writer.WriteNumberValue(n.Value);
                break;
            case BooleanLiteral b:
                writer.WriteBooleanValue(b.Value);
                break;
            case DateLiteral d:
                writer.WriteStringValue(IsoDate.Format(d.Value));
                break;
            case DurationLiteral d:
                writer.WriteStringValue(d.Value.ToString());
                break;
            case ListLiteral list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                    WriteLiteral(writer, item);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unknown literal type {literal.GetType().Name}.", nameof(literal));
        }
    }

    private static void WriteWindow(Utf8JsonWriter writer, EventWindow window)
    {
        switch (window)
        {
            case LastWindow last:
                writer.WriteStartObject("window");
                writer.WriteString("last", last.Duration.ToString());
                writer.WriteEndObject();
                break;
            case BetweenWindow between:
                writer.WriteStartObject("window");
                if (between.From is { } from)
                    writer.WriteString("from", IsoDate.Format(from));
                if (between.To is { } to)
                    writer.WriteString("to", IsoDate.Format(to));
                writer.WriteEndObject();
                break;
        }
    }
}
