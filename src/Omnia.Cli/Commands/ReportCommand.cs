using System.CommandLine;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia report --month 2026-11 --out report.html</c>: the monthly cross-channel report as a self-contained HTML
/// file with its charts and CSV (or the CSV, or JSON), from a data directory or a running server.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var month = new Option<string?>("--month") { Description = "The month, e.g. 2026-11 (default: the last whole month)" };
        var output = new Option<string?>("--out") { Description = "Write the report to this file (default: standard output)" };
        var format = new Option<string?>("--format") { Description = "html, csv or json (default: from --out's extension, else html)" };
        var goal = new Option<string?>("--goal") { Description = "The conversion goal's slug (default: the first goal)" };
        var measurement = new MeasurementStore();
        var command = measurement.AddTo(
            new Command("report", "The monthly cross-channel report: overview, channels, goals, search, social, email, devices") { month, output, format, goal },
            period: false, goal: false, json: false);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output);
            var kind = (parse.GetValue(format) ?? (file is null ? "html" : Path.GetExtension(file).TrimStart('.'))).ToLowerInvariant();
            var path = kind switch
            {
                "html" or "htm" => "reports/monthly.html",
                "csv" => "reports/monthly.csv",
                "json" => "reports/monthly",
                _ => throw new CommandFailure($"--format '{kind}' is not one of html, csv, json (give --format when --out has another extension)."),
            };
            var query = string.Join('&', new[] { ("month", parse.GetValue(month)), ("goal", parse.GetValue(goal)) }
                .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            await using var session = await measurement.OpenAsync(parse, ct);
            var text = await session.GetAsync(path + (query.Length > 0 ? "?" + query : ""), ct);
            if (file is null)
            {
                Console.Out.Write(text);
                return 0;
            }

            await File.WriteAllTextAsync(file, text, ct);
            Console.WriteLine($"Wrote the report to {Path.GetFullPath(file)}.");
            return 0;
        });
        return command;
    }
}
