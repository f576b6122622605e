using System.Globalization;

namespace Omnia.Core.Attribution;

/// <summary>
/// Writes a report as one CSV in the layout of <c>omnia attribution</c> (and ChannelAttribution's result tables):
/// <c>channel_name</c> (plus <c>campaign_name</c> at campaign level), then for each model M the columns
/// <c>M_conversions</c> and <c>M_value</c>, then <c>markov_oK_removal_effect_conversion</c> for each Markov model.
/// Comma-separated, one row per key in the report's order, numbers in shortest round-trip form with a dot.
/// </summary>
public static class AttributionCsvWriter
{
    /// <summary>The header columns for the given models.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<AttributionModel> models, AttributionLevel level = AttributionLevel.Channel)
    {
        var columns = new List<string> { "channel_name" };
        if (level == AttributionLevel.Campaign)
        {
            columns.Add("campaign_name");
        }

        foreach (var model in models)
        {
            columns.Add(model.Name + "_conversions");
            columns.Add(model.Name + "_value");
        }

        columns.AddRange(models.Where(m => m.Kind == AttributionModelKind.Markov).Select(m => m.Name + "_removal_effect_conversion"));
        return columns;
    }

    /// <summary>Writes the report's models in the report's order.</summary>
    public static void Write(TextWriter writer, AttributionReport report)
    {
        var models = report.Models.Select(m => m.Model).ToArray();
        writer.Write(string.Join(',', Header(models, report.Level)));
        writer.Write('\n');
        var markov = report.Models.Where(m => m.Markov is not null).ToArray();
        for (int k = 0; k < report.Keys.Count; k++)
        {
            writer.Write(Quote(report.Keys[k].Channel));
            if (report.Level == AttributionLevel.Campaign)
            {
                writer.Write(',');
                writer.Write(Quote(report.Keys[k].Campaign ?? ""));
            }

            foreach (var credits in report.Models)
            {
                writer.Write(',');
                writer.Write(Number(credits.Conversions[k]));
                writer.Write(',');
                writer.Write(Number(credits.Value[k]));
            }

            foreach (var credits in markov)
            {
                writer.Write(',');
                writer.Write(Number(credits.Markov!.RemovalEffectConversion[k]));
            }

            writer.Write('\n');
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
