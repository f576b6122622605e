using System.CommandLine;
using System.Text.Json;
using Omnia.Server.Measurement;
using Spectre.Console;
using static Omnia.Cli.Commands.TableFormat;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia models</c>: every attribution model side by side over the store's journeys, per channel or campaign, with
/// cost, CPA and ROAS (<c>omnia attribution PATHS.csv</c> runs the same engine on a file).
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var level = new Option<string?>("--level") { Description = "channel (default) or campaign" };
        var models = new Option<string?>("--models") { Description = "Comma-separated models (default: all)" };
        var revenue = new Option<bool>("--revenue") { Description = "Show revenue credits instead of conversions" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("models", "Every attribution model side by side on the store's journeys, with ROAS and CPA where costs exist")
            { level, models, revenue });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            var json = await session.GetAsync("analytics/attribution" + measurement.Query(parse, ("level", parse.GetValue(level)), ("models", parse.GetValue(models))), ct);
            if (parse.GetValue(measurement.Json))
            {
                Console.WriteLine(json);
                return 0;
            }

            var view = JsonSerializer.Deserialize<AttributionView>(json, OmniaHttp.Json)!;
            var c = view.Comparison;
            var byRevenue = parse.GetValue(revenue);
            AnsiConsole.MarkupLineInterpolated($"{view.GoalName} from {view.From:yyyy-MM-dd} to {view.To.AddDays(-1):yyyy-MM-dd}: {Credit(c.TotalConversions)} conversions, {Money(c.TotalRevenue)} revenue, {Count(c.Journeys)} journeys.");
            var table = new Table().AddColumn("Channel").AddColumn("Cost");
            foreach (var model in c.Models)
                table.AddColumn(model);
            table.AddColumn("ROAS (linear)");
            var linear = c.Models.ToList().IndexOf("linear_touch");
            foreach (var row in c.Rows)
            {
                var cells = new List<string> { Markup.Escape(row.Campaign is null ? row.Channel : $"{row.Channel} / {row.Campaign}"), Money(row.Cost) };
                cells.AddRange(row.Models.Select(m => byRevenue ? Money(m.Revenue) : Credit(m.Conversions)));
                cells.Add(linear >= 0 ? Ratio(row.Models[linear].Roas) : "–");
                table.AddRow(cells.ToArray());
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
