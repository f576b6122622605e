using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Omnia.Core.Attribution;

namespace Omnia.Cli.Commands;

/// <summary>
/// <c>omnia attribution PATHS.csv --out RESULT.csv</c>: every model on paths in ChannelAttribution's layout, one CSV
/// out (docs/attribution.md). An automation contract: the default columns never change.
/// </summary>
internal static class AttributionCommand
{
    public static Command Create()
    {
        var paths = new Argument<FileInfo>("paths") { Description = "Paths in ChannelAttribution's layout: path;total_conversions;total_conversion_value;total_null" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the result CSV (default: standard output)" };
        var models = new Option<string?>("--models")
        {
            Description = "Comma-separated models (default first_touch,last_touch,linear_touch,markov_o1,markov_o2,markov_o3); "
                + "also last_non_direct, time_decay, position_based, w_shaped, shapley and markov_oN up to " + AttributionModel.MaxMarkovOrder,
        };
        var direct = new Option<string>("--direct-channel") { Description = "The channel last_non_direct skips", DefaultValueFactory = _ => "direct" };
        var command = new Command("attribution", "Attribute conversions and value to channels with heuristic, Markov and Shapley models") { paths, output, models, direct };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(output), parse.GetValue(models), parse.GetValue(direct)!));
        return command;
    }

    private static int Run(FileInfo input, FileInfo? output, string? modelList, string directChannel)
    {
        var clock = Stopwatch.StartNew();
        if (!TryParseModels(modelList, out var models, out string? unknown))
        {
            Console.Error.WriteLine($"--models: '{unknown}' is not a model. Models: {string.Join(", ", AttributionModel.All.Select(m => m.Name))} and markov_oN.");
            return 2;
        }

        PathSet paths;
        try
        {
            using var stream = new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            paths = PathsCsvReader.Read(stream);
        }
        catch (PathsCsvException e)
        {
            Console.Error.WriteLine($"{input.Name}, {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read {input.FullName}: {e.Message}");
            return 2;
        }

        AttributionReport report;
        try
        {
            report = AttributionEngine.Run(paths, models, AttributionOptions.Default with { DirectChannel = directChannel });
        }
        catch (ArgumentException e)
        {
            // A model that cannot run on these paths (e.g. Shapley over too many channels, a Markov order too high for them).
            Console.Error.WriteLine($"{input.Name}: {e.Message}");
            return 2;
        }

        try
        {
            using var writer = output is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(output.FullName, append: false, new UTF8Encoding(false), 1 << 16);
            AttributionCsvWriter.Write(writer, report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot write {output?.FullName}: {e.Message}");
            return 1;
        }

        if (output is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{paths.Journeys:N0} paths ({paths.Count:N0} distinct), {paths.Channels.Count} channels, {paths.TotalConversions:N0} conversions: "
                + $"{models.Count} models in {clock.Elapsed.TotalSeconds:N2} s, written to {output.Name}"));
        }

        return 0;
    }

    private static bool TryParseModels(string? list, out IReadOnlyList<AttributionModel> models, out string? unknown)
    {
        unknown = null;
        models = AttributionModel.ChannelAttributionSet;
        if (string.IsNullOrWhiteSpace(list))
        {
            return true;
        }

        var parsed = new List<AttributionModel>();
        foreach (string name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!AttributionModel.TryParse(name, out var model))
            {
                unknown = name;
                return false;
            }

            parsed.Add(model);
        }

        models = parsed;
        return true;
    }
}
