using Omnia.Bench.Baseline;
using Omnia.Bench.Load;

namespace Omnia.Bench.Ingest;

/// <summary>
/// <c>ingest</c>: sustained HTTP ingestion into a real <c>omnia serve</c> (durable ack), latency per batch,
/// throughput until profiles caught up, and the raw SQLite insert rate of the same rows before and after.
/// </summary>
public static class IngestCommand
{
    public const double TargetEventsPerSecond = 100_000;
    public const double TargetP99Ms = 50;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        string[] known = ["events", "batch", "concurrency", "people", "warmup", "time-limit", "catch-up-limit", "baseline"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}, --server-env K=V");
            return 2;
        }

        long events = args.Long("events", 1_000_000);
        var options = new LoadOptions(
            Batch: args.Int("batch", 500), Concurrency: args.Int("concurrency", 8), People: args.Int("people", 100_000),
            WarmupBatches: args.Int("warmup", 40), SendLimit: args.Seconds("time-limit", 900), CatchUpLimit: args.Seconds("catch-up-limit", 900),
            ServerEnvironment: args.ServerEnvironment);
        bool baseline = args.Bool("baseline", true);
        Console.WriteLine($"# ingest: {events:N0} events, batch {options.Batch}, concurrency {options.Concurrency}, {options.People:N0} people");
        Console.WriteLine(Machine.Describe());

        var workload = Workload.Create(events, options.Batch, options.People, pregenerate: true, Log);
        BaselineResult? before = null, after = null;
        if (baseline)
        {
            before = RawSqliteBaseline.Run(workload.Batches, workload.Body);
            Log($"raw SQLite (before): {before.InsertsPerSecond:N0} rows/s, p99 transaction {before.P99TransactionMs:N1} ms; Omnia parser alone {before.ParsedPerSecond:N0} events/s on one core");
        }

        var session = await LoadSession.RunAsync(options, workload, Log).ConfigureAwait(false);

        if (baseline)
        {
            after = RawSqliteBaseline.Run(workload.Batches, workload.Body);
            Log($"raw SQLite (after): {after.InsertsPerSecond:N0} rows/s, p99 transaction {after.P99TransactionMs:N1} ms");
        }

        IngestReport.Print(session, before, after);
        return session.Send.Failures == 0 ? 0 : 1;
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
