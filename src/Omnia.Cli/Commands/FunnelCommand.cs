using System.CommandLine;
using System.Text.Json;
using Omnia.Server.Measurement;
using Spectre.Console;
using static Omnia.Cli.Commands.TableFormat;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia funnel SLUG</c>: a saved funnel's people, conversion, drop-off and time per step.</summary>
internal static class FunnelCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("slug") { Description = "The funnel's slug" };
        var breakdown = new Option<string?>("--breakdown") { Description = "none, acquisition, persona, device or segment" };
        var segment = new Option<string?>("--segment") { Description = "The segment of --breakdown segment" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("funnel", "A saved funnel: people, conversion, drop-off and median time per step") { slug, breakdown, segment }, goal: false);
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            var json = await session.GetAsync($"analytics/funnels/{Uri.EscapeDataString(parse.GetValue(slug)!)}"
                + measurement.Query(parse, ("breakdown", parse.GetValue(breakdown)), ("segment", parse.GetValue(segment))), ct);
            if (parse.GetValue(measurement.Json))
            {
                Console.WriteLine(json);
                return 0;
            }

            var view = JsonSerializer.Deserialize<FunnelView>(json, OmniaHttp.Json)!;
            AnsiConsole.MarkupLineInterpolated($"[bold]{view.Name}[/] ({view.Report.Order.ToString().ToLowerInvariant()} order, within {view.Report.Within}), first steps from {view.Report.From:yyyy-MM-dd} to {view.Report.To.AddDays(-1):yyyy-MM-dd}:");
            foreach (var group in new[] { view.Report.Total }.Concat(view.Report.Groups))
            {
                var table = new Table().Title(group.Name == "all" ? "" : Markup.Escape(group.Name))
                    .AddColumns("Step", "People", "From start", "From previous", "Dropped after", "Median time from previous");
                foreach (var step in group.Steps)
                {
                    table.AddRow($"{step.Step}. {Markup.Escape(step.Title)}", Count(step.People), Percent(step.FromStart), Percent(step.FromPrevious),
                        step.DroppedAfter == 0 && step.Step == group.Steps.Count ? "" : $"{Count(step.DroppedAfter)} ({Percent(step.DropOffRate)})", Duration(step.MedianFromPrevious));
                }

                AnsiConsole.Write(table);
            }

            if (view.Report.Answers.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"Survey: {view.Survey?.Question}");
                foreach (var answer in view.Report.Answers)
                    AnsiConsole.MarkupLineInterpolated($"  {answer.Answer}: {Count(answer.People)}");
            }

            return 0;
        });
        return command;
    }
}
