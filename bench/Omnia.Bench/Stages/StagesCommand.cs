using System.Diagnostics;
using Omnia.Bench.Baseline;
using Omnia.Bench.Load;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Storage.Sqlite;

namespace Omnia.Bench.Stages;

/// <summary>
/// <c>stages</c>: where the time goes, measured in this process with Omnia's own classes and the same rows —
/// the parser alone; the event log alone (group-commit <see cref="EventIngestor"/> over <see cref="SqliteEventStore"/>,
/// concurrent appenders, no HTTP, no profiles); the profile processor alone over that log; and log plus
/// profiles together as the server runs them, still without HTTP. Raw SQLite is the ceiling for the log.
/// </summary>
public static class StagesCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        string[] known = ["events", "batch", "concurrency", "people"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        long events = args.Long("events", 1_000_000);
        int batch = args.Int("batch", 500), concurrency = args.Int("concurrency", 8), people = args.Int("people", 100_000);
        Console.WriteLine($"# stages: {events:N0} events, batch {batch}, concurrency {concurrency}, {people:N0} people");
        Console.WriteLine(Machine.Describe());
        var workload = Workload.Create(events, batch, people, pregenerate: true, Log);

        double cpu = CpuSeconds();
        var parse = Stopwatch.StartNew();
        var batches = new IReadOnlyList<LogEvent>[workload.Batches];
        for (long i = 0; i < workload.Batches; i++)
        {
            using var request = SegmentRequest.Parse(workload.Body(i));
            batches[i] = request.Extract(null, 1, 1, DateTimeOffset.UtcNow).Accepted;
        }

        double parseRate = events / parse.Elapsed.TotalSeconds;
        double parseCpu = (CpuSeconds() - cpu) * 1e6 / events;
        Log($"parser alone (one thread): {parseRate:N0} events/s");

        var raw = RawSqliteBaseline.Run(workload.Batches, workload.Body);
        double rawCpu = raw.InsertCpuMicroseconds;
        Log($"raw SQLite: {raw.InsertsPerSecond:N0} rows/s");

        var logOnly = await AppendAsync(batches, concurrency, withProfiles: false).ConfigureAwait(false);
        Log($"event log alone: {logOnly.EventsPerSecond:N0} events/s, p50 {logOnly.P50:N1} ms, p99 {logOnly.P99:N1} ms, {logOnly.EventsPerCommit:N0} events per commit");
        Log($"profiles alone over that log: {logOnly.CatchUpEventsPerSecond:N0} events/s");

        var together = await AppendAsync(batches, concurrency, withProfiles: true).ConfigureAwait(false);
        Log($"log + profiles together: ingest {together.EventsPerSecond:N0} events/s, p50 {together.P50:N1} ms, p99 {together.P99:N1} ms, {together.EventsPerCommit:N0} events per commit; caught up after {together.SecondsUntilCaughtUp:N1} s");

        Console.WriteLine();
        Console.WriteLine("| stage (in process, same rows) | events/s | CPU per event | p50 / p99 per batch | note |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        Console.WriteLine($"| Segment parser alone (Parse + Extract), one thread | {parseRate:N0} | {parseCpu:N1} µs | | CPU only |");
        Console.WriteLine($"| raw SQLite insert, {batch} rows per transaction | {raw.InsertsPerSecond:N0} | {rawCpu:N1} µs | {raw.P50TransactionMs:N1} / {raw.P99TransactionMs:N1} ms | ceiling for the log |");
        Console.WriteLine($"| event log alone: EventIngestor + SqliteEventStore, {concurrency} appenders | {logOnly.EventsPerSecond:N0} | {logOnly.AppendCpu:N1} µs | {logOnly.P50:N1} / {logOnly.P99:N1} ms | {logOnly.EventsPerCommit:N0} events per commit |");
        Console.WriteLine($"| derived state alone (identity + profiles + behaviour), catching up over that log | {logOnly.CatchUpEventsPerSecond:N0} | {logOnly.CatchUpCpu:N1} µs | | in memory |");
        Console.WriteLine($"| log + profiles together (the server without HTTP): ingest | {together.EventsPerSecond:N0} | | {together.P50:N1} / {together.P99:N1} ms | {together.EventsPerCommit:N0} events per commit |");
        Console.WriteLine($"| log + profiles together: until profiles caught up | {events / together.SecondsUntilCaughtUp:N0} | {together.CatchUpCpu:N1} µs | | log and profiles, all CPU |");
        return 0;
    }

    private static async Task<StageResult> AppendAsync(IReadOnlyList<LogEvent>[] batches, int concurrency, bool withProfiles)
    {
        string directory = Directory.CreateTempSubdirectory("omnia-bench-stages-").FullName;
        try
        {
            var database = new SqliteDatabase(directory);
            using var log = new SqliteEventStore(database);
            var state = new DerivedState(log, new SqliteTransitionStore(database));
            var handoff = new CommittedEvents();
            var processor = new Pipeline(log, withProfiles ? handoff : null, new DerivedProcessor(state, _ => ProcessingRules.Default));
            var ingestor = new EventIngestor(log, committed: withProfiles ? handoff : null);
            using var wake = new SemaphoreSlim(0);
            using var stop = new CancellationTokenSource();
            ingestor.Committed += _ => wake.Release();
            var processing = withProfiles ? Task.Run(() => ProcessAsync(processor, wake, stop.Token)) : Task.CompletedTask;

            long next = -1, total = 0;
            double cpu0 = CpuSeconds();
            var gc0 = Gc();
            var clock = Stopwatch.StartNew();
            async Task<List<double>> AppenderAsync()
            {
                var latencies = new List<double>();
                long i;
                while ((i = Interlocked.Increment(ref next)) < batches.Length)
                {
                    long start = Stopwatch.GetTimestamp();
                    var outcome = await ingestor.AppendAsync(batches[i]).ConfigureAwait(false);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Interlocked.Add(ref total, outcome.Appended);
                }

                return latencies;
            }

            var all = (await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(AppenderAsync))).ConfigureAwait(false)).SelectMany(l => l).Order().ToList();
            double appendSeconds = clock.Elapsed.TotalSeconds;
            long commits = ingestor.Commits;
            await ingestor.DisposeAsync().ConfigureAwait(false);
            double appendCpu = CpuSeconds() - cpu0;
            string appendGc = GcSince(gc0, Math.Max(1, total), appendSeconds);

            double caughtUpAt, catchUpRate;
            if (withProfiles)
            {
                long last = await log.LastSeqAsync().ConfigureAwait(false);
                while (state.Checkpoint < last)
                {
                    await Task.Delay(20).ConfigureAwait(false);
                }

                caughtUpAt = clock.Elapsed.TotalSeconds;
                Log($"  log + profiles: {GcSince(gc0, Math.Max(1, total), caughtUpAt)}");
                catchUpRate = double.NaN;
                await stop.CancelAsync().ConfigureAwait(false);
                wake.Release();
                await processing.ConfigureAwait(false);
            }
            else
            {
                cpu0 = CpuSeconds();
                gc0 = Gc();
                var catchUp = Stopwatch.StartNew();
                while (await processor.RunOnceAsync().ConfigureAwait(false) > 0)
                {
                }

                caughtUpAt = double.NaN;
                catchUpRate = total / catchUp.Elapsed.TotalSeconds;
                Log($"  profiles alone: {GcSince(gc0, Math.Max(1, total), catchUp.Elapsed.TotalSeconds)}");
            }

            Log($"  {(withProfiles ? "log + profiles, while appending" : "log alone")}: {appendGc}");
            double catchUpCpu = CpuSeconds() - cpu0; // with profiles: from the first append until caught up
            return new StageResult(total, appendSeconds, all, commits, caughtUpAt, catchUpRate, appendCpu * 1e6 / total, catchUpCpu * 1e6 / total);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>As the server's processing service: woken by each commit, runs until caught up.</summary>
    private static async Task ProcessAsync(Pipeline processor, SemaphoreSlim wake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await processor.RunOnceAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false) == 0)
            {
                await wake.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Allocated bytes, GC pause time and gen2 collections so far in this process.</summary>
    private static (long Allocated, TimeSpan Paused, int Gen2) Gc() =>
        (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));

    private static string GcSince((long Allocated, TimeSpan Paused, int Gen2) before, long events, double seconds)
    {
        var now = Gc();
        return $"{(now.Allocated - before.Allocated) / (double)events / 1024:N1} KB allocated/event, GC paused {(now.Paused - before.Paused).TotalSeconds / seconds:P0} of the time, {now.Gen2 - before.Gen2} gen2 GCs";
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>One run of the server's loop without audiences: the next stretch of the log into the derived state.</summary>
    private sealed class Pipeline(SqliteEventStore log, CommittedEvents? handoff, DerivedProcessor processor)
    {
        public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
        {
            IReadOnlyList<LogEvent> events = handoff?.TakeAfter(processor.State.Checkpoint, 8_192)
                ?? await log.ReadAfterAsync(processor.State.Checkpoint, 8_192, cancellationToken).ConfigureAwait(false);
            processor.Apply(events, DateTimeOffset.UtcNow);
            return events.Count;
        }
    }

    private sealed record StageResult(long Events, double Seconds, List<double> Latencies, long Commits, double SecondsUntilCaughtUp, double CatchUpEventsPerSecond,
        double AppendCpu, double CatchUpCpu)
    {
        public double EventsPerSecond => Events / Seconds;

        public double EventsPerCommit => Events / (double)Math.Max(1, Commits);

        public double P50 => Percentiles.Of(Latencies, 50);

        public double P99 => Percentiles.Of(Latencies, 99);
    }
}
