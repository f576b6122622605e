using System.CommandLine;
using System.Text.Json;
using Omnia.Server.Measurement;
using Spectre.Console;
using static Omnia.Cli.Commands.TableFormat;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia pareto</c>: channels, campaigns, journeys or content ranked by contribution, with the 80 % set.</summary>
internal static class ParetoCommand
{
    public static Command Create()
    {
        var of = new Option<string?>("--of") { Description = "channels (default), campaigns, journeys or content" };
        var by = new Option<string?>("--by") { Description = "conversions (default) or revenue" };
        var model = new Option<string?>("--model") { Description = "The attribution model crediting channels and campaigns (default last_non_direct)" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("pareto", "What brings 80 % of conversions or revenue") { of, by, model });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            var json = await session.GetAsync("analytics/pareto" + measurement.Query(parse, ("of", parse.GetValue(of)), ("by", parse.GetValue(by)), ("model", parse.GetValue(model))), ct);
            if (parse.GetValue(measurement.Json))
            {
                Console.WriteLine(json);
                return 0;
            }

            var view = JsonSerializer.Deserialize<ParetoView>(json, OmniaHttp.Json)!;
            var ranking = view.Ranking;
            AnsiConsole.MarkupLineInterpolated($"{ranking.CoreCount} of {ranking.Items.Count} {view.Subject} bring {Percent(ranking.CoreCumulative)} of {view.By} ({view.Model}).");
            var table = new Table().AddColumns("#", "Item", view.By == "revenue" ? "Revenue" : "Conversions", "Share", "Cumulative", "In the 80 %");
            var rank = 0;
            foreach (var item in ranking.Items)
            {
                table.AddRow((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(item.Key),
                    view.By == "revenue" ? Money(item.Value) : Credit(item.Value), Percent(item.Share), Percent(item.Cumulative), item.InCore ? "yes" : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
