using System.Globalization;
using System.Text.Json;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Kpis;

/// <summary>Reads and writes KPI target lists, checking that each KPI fits its channel.</summary>
internal static class KpiTargetReader
{
    private static readonly string[] Keys = ["channel", "kpi", "op", "value", "period"];

    public static KpiTargetParseResult Read(string json)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new KpiTargetParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(ComputedTraitCatalog.BuiltIns);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                reader.Error("$", $"must be a list of targets like [{{\"channel\":\"email\",\"kpi\":\"ctr\",\"op\":\"atLeast\",\"value\":0.02,\"period\":\"week\"}}], not {SegmentJsonReader.Describe(root)}");
                return new KpiTargetParseResult(null, reader.Errors.ToList());
            }

            var targets = new List<KpiTarget>();
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (ReadTarget(reader, item, $"[{i++}]") is { } target)
                {
                    if (targets.Any(t => t.Channel == target.Channel && t.Kpi == target.Kpi && t.Period == target.Period && t.Direction == target.Direction))
                        reader.Error($"[{i - 1}]", $"repeats the {target.Kpi} target of {target.Channel} per {KpiPeriods.Word(target.Period)}; keep one");
                    else
                        targets.Add(target);
                }
            }

            return reader.Errors.Count == 0 ? new KpiTargetParseResult(targets, []) : new KpiTargetParseResult(null, reader.Errors.ToList());
        }
    }

    private static KpiTarget? ReadTarget(SegmentJsonReader reader, JsonElement item, string path)
    {
        if (!reader.ExpectObject(item, path, "{\"channel\":\"email\",\"kpi\":\"ctr\",\"op\":\"atLeast\",\"value\":0.02,\"period\":\"week\"}"))
            return null;
        var before = reader.Errors.Count;
        reader.CheckKeys(item, path, Keys);
        var channel = reader.RequiredText(item, path, "channel", "a channel code such as \"email\"");
        if (channel is not null && !Channels.IsKnown(channel))
            reader.Error($"{path}.channel", $"'{channel}' is not a channel; use one of {string.Join(", ", Channels.All)}");
        var kpiName = reader.RequiredText(item, path, "kpi", $"one of {string.Join(", ", KpiCatalog.All.Select(k => k.Name))}");
        var kpi = KpiCatalog.Find(kpiName);
        if (kpiName is not null && kpi is null)
            reader.Error($"{path}.kpi", $"'{kpiName}' is not a KPI; use one of {string.Join(", ", KpiCatalog.All.Select(k => k.Name))}");
        else if (kpi is not null && channel is not null && Channels.IsKnown(channel) && !kpi.Fits(channel))
            reader.Error($"{path}.kpi", $"{kpi.Name} does not fit {channel}: it is measured for {kpi.FitsText}");

        var direction = TargetDirection.AtLeast;
        var op = reader.RequiredText(item, path, "op", "atLeast or atMost");
        if (op is "atMost")
            direction = TargetDirection.AtMost;
        else if (op is not null and not "atLeast")
            reader.Error($"{path}.op", $"'{op}' is not one of atLeast, atMost");

        double value = 0;
        if (!item.TryGetProperty("value", out var valueElement))
            reader.Error($"{path}.value", "required: the number to reach or stay under (rates from 0 to 1, e.g. 0.02 for 2 %)");
        else if (valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDouble(out value) || !double.IsFinite(value) || value < 0)
            reader.Error($"{path}.value", $"{SegmentJsonReader.Describe(valueElement)} is not a number of 0 or more");
        else if (kpi?.Unit == KpiUnit.Rate && kpi.Name != "roi" && value > 1)
            reader.Error($"{path}.value", $"{value.ToString(CultureInfo.InvariantCulture)} is above 1; {kpi.Name} is a rate from 0 to 1 (0.02 for 2 %)");

        var period = KpiPeriod.Week;
        if (item.TryGetProperty("period", out var periodElement))
        {
            var word = periodElement.ValueKind == JsonValueKind.String ? periodElement.GetString() : null;
            if (!KpiPeriods.TryParse(word, out period))
                reader.Error($"{path}.period", $"{SegmentJsonReader.Describe(periodElement)} is not one of day, week, month");
        }

        return reader.Errors.Count == before ? new KpiTarget(channel!, kpi!.Name, direction, value, period) : null;
    }

    public static string Write(IEnumerable<KpiTarget> targets)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var target in targets)
            {
                writer.WriteStartObject();
                writer.WriteString("channel", target.Channel);
                writer.WriteString("kpi", target.Kpi);
                writer.WriteString("op", target.Direction == TargetDirection.AtLeast ? "atLeast" : "atMost");
                writer.WriteNumber("value", target.Value);
                writer.WriteString("period", KpiPeriods.Word(target.Period));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
