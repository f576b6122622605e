using System.CommandLine;
using System.Text.Json;
using Omnia.Core.Kpis;
using Omnia.Server.Measurement;
using Spectre.Console;
using static Omnia.Cli.Commands.TableFormat;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia kpis</c>: channel or campaign KPIs, per day, week or month, with their totals.</summary>
internal static class KpisCommand
{
    public static Command Create()
    {
        var period = new Option<string?>("--period") { Description = "day (default), week or month" };
        var level = new Option<string?>("--level") { Description = "channel (default) or campaign" };
        var totals = new Option<bool>("--totals") { Description = "Only the totals over the whole range" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("kpis", "Channel KPIs: reach, sends, opens, clicks, CTR, visits, conversions, revenue, cost, CPA, ROAS, ROI")
            { period, level, totals });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            var json = await session.GetAsync("analytics/kpis" + measurement.Query(parse, ("period", parse.GetValue(period)), ("level", parse.GetValue(level))), ct);
            if (parse.GetValue(measurement.Json))
            {
                Console.WriteLine(json);
                return 0;
            }

            var report = JsonSerializer.Deserialize<KpisView>(json, OmniaHttp.Json)!.Report;
            var rows = parse.GetValue(totals) ? report.Totals : report.Rows.Concat(report.Totals);
            var table = new Table().AddColumns("Period", "Channel", "Reach", "Sends", "Opens", "Clicks", "CTR", "Unsub.", "Visits", "Conv.", "Conv. rate", "Revenue", "Cost", "CPA", "ROAS", "ROI");
            foreach (var r in rows)
            {
                table.AddRow(r.Period?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "total", Markup.Escape(r.Campaign is null ? r.Channel : $"{r.Channel} / {r.Campaign}"),
                    Count(r.Reach), Count(r.Sends), Count(r.Opens), Count(r.Clicks), Percent(r.Ctr), Count(r.Unsubscribes), Count(r.Visits), Count(r.Conversions),
                    Percent(r.ConversionRate), Money(r.Revenue), Money(r.Cost), Money(r.Cpa), Ratio(r.Roas), Percent(r.Roi));
            }

            AnsiConsole.Write(table);
            if (report.ConversionsWithoutTouchpoint > 0)
                AnsiConsole.MarkupLineInterpolated($"{Count(report.ConversionsWithoutTouchpoint)} conversion(s) worth {Money(report.RevenueWithoutTouchpoint)} had no touchpoint.");
            return 0;
        });
        return command;
    }
}
