using System.Diagnostics;
using System.Globalization;
using Omnia.Core.Attribution;

namespace Omnia.Bench.Attribution;

/// <summary>
/// <c>attribution</c>: generates a realistic paths file (<see cref="PathsFileGenerator"/>), runs
/// <c>omnia attribution FILE --out RESULT.csv</c> on it as a child process (the analyst's command, CSV read and
/// process start included) several times, breaks one in-process run into phases, and, given
/// <c>--channel-attribution DRIVER</c>, runs ChannelAttribution's C++ core on the same file in the same run for the
/// time ratio and the difference between its simulated Markov results and our exact ones. docs/benchmarks.md says
/// how to build the driver (it is not part of Omnia).
/// </summary>
public static class AttributionBench
{
    public static int Run(BenchArgs args)
    {
        string[] known = ["paths", "channels", "seed", "runs", "unique", "channel-attribution", "ca-threads", "ca-sims", "dir"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        long rows = args.Long("paths", 1_000_000);
        int channels = args.Int("channels", 12), seed = args.Int("seed", 7), runs = args.Int("runs", 5);
        string? driver = args.Text("channel-attribution");
        string dir = args.Text("dir") ?? Directory.CreateTempSubdirectory("omnia-attribution-bench-").FullName;
        Console.WriteLine($"# attribution: {rows:N0} paths, {channels} channels, seed {seed}, {runs} runs");
        Console.WriteLine(Machine.Describe());

        string file = Path.Combine(dir, $"paths-{rows}-{channels}-{seed}{(args.Bool("unique", true) ? "" : "-rows")}.csv");
        var generate = Stopwatch.StartNew();
        var summary = PathsFileGenerator.Write(file, rows, channels, seed, args.Bool("unique", true));
        Log($"generated {file}: {summary.Rows:N0} rows from {summary.Journeys:N0} journeys, {summary.Bytes / 1e6:N1} MB, {summary.Conversions:N0} conversions, {summary.Nulls:N0} nulls in {generate.Elapsed.TotalSeconds:N1} s");

        string ours = Path.Combine(dir, "omnia.csv");
        var cliTimes = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            cliTimes.Add(Time("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "omnia.dll")}\" attribution \"{file}\" --out \"{ours}\""));
            Log($"omnia attribution run {r + 1}: {cliTimes[^1]:N3} s");
        }

        Phases(file);

        double? caSeconds = null;
        if (driver is not null)
        {
            string theirs = Path.Combine(dir, "channelattribution.csv");
            int threads = args.Int("ca-threads", 1), sims = args.Int("ca-sims", 100_000);
            caSeconds = Time(driver, $"\"{file}\" \"{theirs}\" {threads} {sims}");
            Log($"ChannelAttribution C++ core ({threads} thread(s), nsim_start {sims:N0}): {caSeconds:N3} s");
            Compare(ours, theirs, summary);
        }

        double median = cliTimes.Order().ElementAt(cliTimes.Count / 2);
        Console.WriteLine();
        string versus = caSeconds is { } ca ? string.Create(CultureInfo.InvariantCulture, $"; ChannelAttribution {ca:N2} s, ratio {ca / median:N1}x") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attribution: {rows:N0} paths x {channels} channels, omnia attribution (6 models) median {median:N2} s, best {cliTimes.Min():N2} s (target <= 3 s){versus}"));
        return 0;
    }

    /// <summary>One in-process run split into reading and each model alone (after a warm-up run).</summary>
    private static void Phases(string file)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            var clock = Stopwatch.StartNew();
            PathSet paths;
            using (var stream = File.OpenRead(file))
            {
                paths = PathsCsvReader.Read(stream);
            }

            double read = clock.Elapsed.TotalSeconds;
            var parts = new List<string> { $"read {read:N3} s ({paths.Count:N0} distinct paths, {paths.TouchCount:N0} touches)" };
            foreach (var model in AttributionModel.ChannelAttributionSet.Append(AttributionModel.Shapley))
            {
                var one = Stopwatch.StartNew();
                var report = AttributionEngine.Run(paths, [model]);
                string extra = report.Models[0].Markov is { } m ? $", {m.States:N0} states" : "";
                parts.Add($"{model.Name} {one.Elapsed.TotalSeconds:N3} s{extra}");
            }

            var all = Stopwatch.StartNew();
            AttributionEngine.Run(paths, AttributionModel.ChannelAttributionSet);
            parts.Add($"all six together {all.Elapsed.TotalSeconds:N3} s");
            if (pass == 1)
            {
                Log("in process: " + string.Join("; ", parts));
            }
        }
    }

    /// <summary>Largest per-channel differences between ChannelAttribution's simulated results and ours.</summary>
    private static void Compare(string ours, string theirs, PathsFileGenerator.Summary summary)
    {
        var a = ReadResult(ours);
        var b = ReadResult(theirs);
        double totalValue = a.Values.Sum(r => r["first_touch_value"]);
        foreach (string model in new[] { "first_touch", "last_touch", "linear_touch", "markov_o1", "markov_o2", "markov_o3" })
        {
            double conv = 0, value = 0, removal = 0;
            string worst = "";
            foreach (var (channel, row) in a)
            {
                var other = b.GetValueOrDefault(channel);
                double d = Math.Abs(row[model + "_conversions"] - (other?[model + "_conversions"] ?? 0));
                if (d > conv)
                {
                    (conv, worst) = (d, channel);
                }

                value = Math.Max(value, Math.Abs(row[model + "_value"] - (other?[model + "_value"] ?? 0)));
                if (model.StartsWith("markov", StringComparison.Ordinal))
                {
                    string column = model + "_removal_effect_conversion";
                    removal = Math.Max(removal, Math.Abs(row[column] - (other?[column] ?? 0)));
                }
            }

            string removalText = model.StartsWith("markov", StringComparison.Ordinal) ? string.Create(CultureInfo.InvariantCulture, $", removal effect {removal:G3}") : "";
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{model}: largest difference {conv:N2} conversions ({conv / summary.Conversions:P3} of all, {worst}), value {value:N0} ({value / totalValue:P3}){removalText}"));
        }
    }

    private static Dictionary<string, Dictionary<string, double>> ReadResult(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            f => f[0],
            f => header.Skip(1).Select((h, i) => (h, double.Parse(f[i + 1], CultureInfo.InvariantCulture))).ToDictionary(x => x.h, x => x.Item2));
    }

    private static double Time(string program, string arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {stderr.Result}");
        }

        string said = (stdout.Result + stderr.Result).Trim();
        if (said.Length > 0)
        {
            Log("  " + said.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        return seconds;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
