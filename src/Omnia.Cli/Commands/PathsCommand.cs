using System.CommandLine;
using System.Text.Json;
using Omnia.Core.Paths;
using Spectre.Console;
using static Omnia.Cli.Commands.TableFormat;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia paths</c>: the most common buyer journeys of a goal, as <c>GET …/analytics/paths</c> gives them.</summary>
internal static class PathsCommand
{
    public static Command Create()
    {
        var level = new Option<string?>("--level") { Description = "channel (default) or campaign" };
        var top = new Option<int?>("--top") { Description = "How many journeys (default 10)" };
        var breakdown = new Option<string?>("--breakdown") { Description = "none, acquisition, persona, device or segment" };
        var segment = new Option<string?>("--segment") { Description = "The segment of --breakdown segment" };
        var keepRepeats = new Option<bool>("--keep-repeats") { Description = "Show a touchpoint repeated right after itself every time" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("paths", "The most common buyer journeys: count, share, conversion rate, revenue, median time to convert")
            { level, top, breakdown, segment, keepRepeats });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            var json = await session.GetAsync("analytics/paths" + measurement.Query(parse, ("level", parse.GetValue(level)), ("top", parse.GetValue(top)?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("breakdown", parse.GetValue(breakdown)), ("segment", parse.GetValue(segment)), ("collapse", parse.GetValue(keepRepeats) ? "false" : null)), ct);
            if (parse.GetValue(measurement.Json))
            {
                Console.WriteLine(json);
                return 0;
            }

            var report = JsonSerializer.Deserialize<PathReport>(json, OmniaHttp.Json)!;
            AnsiConsole.MarkupLineInterpolated($"Journeys to [bold]{report.Goal}[/] from {report.From:yyyy-MM-dd} to {report.To.AddDays(-1):yyyy-MM-dd}: {Count(report.Conversions)} conversions, {Money(report.Revenue)} revenue.");
            foreach (var group in report.Groups)
            {
                var table = new Table().Title(report.Breakdown == PathBreakdown.None ? "" : Markup.Escape(group.Name))
                    .AddColumns("#", "Journey", "Conversions", "Share", "Conv. rate", "Revenue", "Touchpoints", "Median time to convert");
                var rank = 0;
                foreach (var path in group.TopConverting)
                {
                    table.AddRow((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(string.Join(" → ", path.Touches)), Count(path.Conversions),
                        Percent(path.Share), Percent(path.ConversionRate), Money(path.Revenue), path.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Duration(path.MedianTimeToConvert));
                }

                AnsiConsole.Write(table);
            }

            return 0;
        });
        return command;
    }
}
