using System.CommandLine;
using System.Text.Json;
using Omnia.Server.Measurement;

namespace Omnia.Cli.Commands;

/// <summary><c>omnia costs import FILE</c> and <c>omnia costs list</c>: spend, impressions and clicks per day, channel and campaign.</summary>
internal static class CostsCommand
{
    public static Command Create()
    {
        var command = new Command("costs", "Import and list costs (spend, impressions, clicks per day × channel × campaign)");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A CSV file with a header: date,channel,campaign,spend,impressions,clicks" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("import", "Import a cost CSV; a day, channel and campaign imported again replaces its row") { file },
            period: false, goal: false, json: false);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new CommandFailure($"There is no file {Path.GetFullPath(path)}.");
            var text = await File.ReadAllTextAsync(path, ct);
            await using var session = await measurement.OpenAsync(parse, ct);
            var answer = await session.PostAsync("costs/import", text, "text/csv", ct);
            var result = JsonSerializer.Deserialize<CostsApi.CostImportResult>(answer, OmniaHttp.Json)!;
            Console.WriteLine($"Imported {result.Saved} cost row(s) from {Path.GetFileName(path)}.");
            foreach (var error in result.Rejected)
                Console.Error.WriteLine($"{Path.GetFileName(path)}, {error}");
            return result.Rejected.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command List()
    {
        var channel = new Option<string?>("--channel") { Description = "Only this channel" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(new Command("list", "The cost rows of a range of days, as CSV (default: the last 90 days)") { channel }, goal: false, json: false);
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await measurement.OpenAsync(parse, ct);
            Console.Out.Write(await session.GetAsync("costs" + measurement.Query(parse, ("channel", parse.GetValue(channel)), ("format", "csv")), ct));
            return 0;
        });
        return command;
    }
}
