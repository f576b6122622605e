using System.Diagnostics;
using System.Globalization;
using Omnia.Core.Funnels;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Processing;
using Omnia.Core.Segments;

namespace Omnia.Bench.Measurement;

/// <summary>
/// <c>measure</c>: the top buyer journeys and a 5-step funnel over tens of millions of events held in a
/// <see cref="DerivedState"/> (loaded straight from generated profiles, as the log would have built it), each timed
/// over several runs with the product's own code (<see cref="PathAccumulator"/>, <see cref="FunnelAccumulator"/> in
/// <see cref="DerivedState.Scan{T}"/>); optionally the same questions to DuckDB on the same rows, for comparison.
/// </summary>
public static class MeasureCommand
{
    public static int Run(BenchArgs args)
    {
        var unknown = args.Unknown("profiles", "events", "seed", "runs", "duckdb", "duckdb-threads").ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown options: {string.Join(", ", unknown)}");
            return 2;
        }

        var profiles = args.Int("profiles", 1_000_000);
        var events = args.Long("events", 50_000_000);
        var runs = args.Int("runs", 5);
        Console.WriteLine($"measure: {events:N0} events over {profiles:N0} profiles, {runs} runs; {Machine.Describe()}");

        var clock = Stopwatch.StartNew();
        var data = MeasureData.Generate(profiles, events, args.Int("seed", 1));
        Console.WriteLine($"generated {data.Events:N0} events in {clock.Elapsed.TotalSeconds:0.0} s");
        var state = new DerivedState(null!, null!);
        clock.Restart();
        state.Load(data.Profiles, ["revenue"]);
        Console.WriteLine($"loaded into the derived state in {clock.Elapsed.TotalSeconds:0.0} s; managed heap {GC.GetTotalMemory(true) / 1024.0 / 1024 / 1024:0.0} GiB");

        var goal = new GoalMatcher(ConversionGoal.Purchase);
        var paths = new PathQuery { From = MeasureData.Start, To = MeasureData.End, Top = 10 };
        PathReport? report = null;
        var pathTimes = Time(runs, () =>
        {
            var accumulators = state.Scan(1, () => new PathAccumulator(paths, goal), static (a, p, e, au) => a.Add(p, e, au));
            report = PathReport.Build(goal.Goal.Slug, accumulators);
        });
        Console.WriteLine($"top paths: {Describe(pathTimes)}; {report!.Journeys:N0} journeys, {report.Conversions:N0} conversions, {report.Groups[0].DistinctPaths:N0} distinct paths");
        foreach (var row in report.Groups[0].TopConverting.Take(3))
            Console.WriteLine($"  {row.Text}: {row.Conversions:N0} conversions, {row.Share:P1}, median {row.MedianTimeToConvert}");

        var funnel = new FunnelMatcher(new FunnelSpec(
            [.. new[] { MeasureData.PageName, MeasureData.Viewed, MeasureData.Added, MeasureData.Checkout, MeasureData.Ordered }.Select(n => new FunnelStep(new EventFilter(n)))],
            SegmentDuration.Days(7), FunnelOrder.Strict));
        var funnelQuery = new FunnelQuery { From = MeasureData.Start, To = MeasureData.End };
        FunnelReport? steps = null;
        var funnelTimes = Time(runs, () =>
        {
            var accumulators = state.Scan(1, () => new FunnelAccumulator(funnel, funnelQuery), static (a, p, e, au) => a.Add(p, e, au));
            steps = FunnelReport.Build(accumulators);
        });
        Console.WriteLine($"5-step funnel: {Describe(funnelTimes)}; people per step {string.Join(" → ", steps!.Total.Steps.Select(s => s.People.ToString("N0", CultureInfo.InvariantCulture)))}");

        if (args.Bool("duckdb", false))
            DuckDbBaseline.Run(data, runs, args.Int("duckdb-threads", Environment.ProcessorCount));
        return 0;
    }

    /// <summary>One warm-up run, then <paramref name="runs"/> timed runs (milliseconds).</summary>
    internal static List<double> Time(int runs, Action run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    internal static string Describe(List<double> times) =>
        $"median {times.Order().ElementAt(times.Count / 2):N0} ms (min {times.Min():N0}, max {times.Max():N0}; runs {string.Join(", ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))})";
}
