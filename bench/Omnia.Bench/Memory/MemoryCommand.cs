using Omnia.Bench.Ingest;
using Omnia.Bench.Load;

namespace Omnia.Bench.Memory;

/// <summary>
/// <c>memory</c>: ingests many events for many people (default 10,000,000 for 1,000,000 profiles) into a real
/// <c>omnia serve</c> while sampling its RSS every second; reports the peak against the 2 GB budget and
/// how long profiles took to catch up. Batches are generated on the fly, so the sender's memory stays small.
/// </summary>
public static class MemoryCommand
{
    public const long BudgetBytes = 2L * 1024 * 1024 * 1024;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        string[] known = ["events", "batch", "concurrency", "people", "time-limit", "catch-up-limit", "model-people"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}, --server-env K=V");
            return 2;
        }

        long events = args.Long("events", 10_000_000);
        var options = new LoadOptions(
            Batch: args.Int("batch", 500), Concurrency: args.Int("concurrency", 8), People: args.Int("people", 1_000_000),
            WarmupBatches: 0, SendLimit: args.Seconds("time-limit", 1800), CatchUpLimit: args.Seconds("catch-up-limit", 1800),
            ServerEnvironment: args.ServerEnvironment);
        Console.WriteLine($"# memory: {events:N0} events for {options.People:N0} people, batch {options.Batch}, concurrency {options.Concurrency}");
        Console.WriteLine(Machine.Describe());

        if (args.Int("model-people", 0) is > 0 and int modelPeople)
        {
            // Only the in-process model of what grows with people, no server (quick extrapolation to 1M profiles).
            MemoryModel.Measure(modelPeople, Log);
            return 0;
        }

        var workload = Workload.Create(events, options.Batch, options.People, pregenerate: false, Log);
        var r = await LoadSession.RunAsync(options, workload, Log).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine($"## Results ({r.Send.Accepted:N0} events accepted, {r.Send.Failures:N0} failed batches, {r.Send.Throttled:N0} answered 429 and resent{(r.Send.HitTimeLimit ? ", STOPPED AT THE TIME LIMIT" : "")})");
        foreach (string error in r.Send.Errors)
        {
            Console.WriteLine($"- error: {error}");
        }

        Console.WriteLine();
        Console.WriteLine("| figure | result | target | |");
        Console.WriteLine("|---|---:|---:|---|");
        Console.WriteLine($"| server peak RSS (VmHWM) | {r.PeakRss / 1e6:N0} MB ({r.PeakRss / (double)BudgetBytes:P0} of budget) | ≤ {BudgetBytes / 1e6:N0} MB (2 GiB) | {IngestReport.Verdict(r.PeakRss <= BudgetBytes)} |");
        Console.WriteLine($"| RSS at the last ack / after catch-up | {r.RssAtSendEnd / 1e6:N0} / {r.RssAtEnd / 1e6:N0} MB | | |");
        Console.WriteLine($"| ingest (durable 200) | {r.Send.Accepted:N0} events in {r.SendSeconds:N0} s = {r.Send.EventsPerSecond:N0} events/s, p99 {r.Send.P99:N0} ms | | |");
        Console.WriteLine(r.CaughtUp
            ? $"| profiles caught up | {r.SecondsUntilCaughtUp - r.SendSeconds:N0} s after the last ack ({r.SecondsUntilCaughtUp:N0} s in all: {r.IdentityIncludedEventsPerSecond:N0} events/s identity included) | | |"
            : $"| profiles caught up | NO: {r.Samples.LastOrDefault().LogPosition - r.Samples.LastOrDefault().ProfilesPosition:N0} events still behind after the limit | | |");
        Console.WriteLine($"| data directory after the run | {r.DataBytes / 1e9:N2} GB ({r.DataBytes / (double)Math.Max(1, r.Send.Accepted):N0} bytes/event) | | |");
        Console.WriteLine($"| event size on the wire | {r.BytesPerEvent:N0} bytes | | |");
        Console.WriteLine();
        Timeline.Print(r.Samples, rows: 20);
        return r.Send.Failures == 0 && r.PeakRss <= BudgetBytes ? 0 : 1;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
