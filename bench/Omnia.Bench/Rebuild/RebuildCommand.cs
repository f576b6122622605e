using System.Diagnostics;
using Omnia.Bench.Load;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Storage.Sqlite;

namespace Omnia.Bench.Rebuild;

/// <summary>
/// <c>rebuild</c>: the derived state's cost without HTTP or ingestion in the way. Fills a log with generated events
/// (untimed), then times: reading the whole log alone; a full rebuild from the log (read + identity + profiles +
/// behaviour + audiences); writing a snapshot; and loading it again, as a restart does.
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        string[] known = ["events", "batch", "people", "keep", "split"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        long events = args.Long("events", 1_000_000);
        int batch = args.Int("batch", 500), people = args.Int("people", 100_000);
        Console.WriteLine($"# rebuild: {events:N0} events, {people:N0} people");
        Console.WriteLine(Machine.Describe());
        string directory = Directory.CreateTempSubdirectory("omnia-bench-rebuild-").FullName;
        try
        {
            using var store = new SqliteStore(directory, TimeProvider.System);
            await FillAsync(store, Workload.Create(events, batch, people, pregenerate: false, Log)).ConfigureAwait(false);
            long last = await store.Events.LastSeqAsync().ConfigureAwait(false);

            var read = Measure(() =>
            {
                long after = 0, count = 0;
                while (true)
                {
                    var chunk = store.Events.ReadAfterAsync(after, 8_192).AsTask().GetAwaiter().GetResult();
                    if (chunk.Count == 0)
                        return count;
                    after = chunk[^1].Seq;
                    count += chunk.Count;
                }
            });
            Log($"read the log alone: {read.Rate(last):N0} events/s, {read.CpuPerEvent(last):N1} µs CPU/event, {read.AllocatedPerEvent(last):N0} B/event");

            var model = AudienceModel.Empty(1);
            if (args.Bool("split", true))
            {
                // Where the time goes: the log applied to profiles first, then audiences decided for everyone it touched.
                var split = new DerivedState(store.Events, store.Transitions);
                var splitProcessor = new DerivedProcessor(split, _ => ProcessingRules.Default);
                var chunks = new List<IReadOnlyList<LogEvent>>();
                for (long after = 0; ;)
                {
                    var chunk = store.Events.ReadAfterAsync(after, 8_192).AsTask().GetAwaiter().GetResult();
                    if (chunk.Count == 0)
                        break;
                    chunks.Add(chunk);
                    after = chunk[^1].Seq;
                }

                var apply = Measure(() =>
                {
                    foreach (var chunk in chunks)
                        splitProcessor.Apply(chunk, DateTimeOffset.UtcNow);
                    return last;
                });
                Log($"  apply alone (identity, profiles, behaviour; events already read): {apply.CpuPerEvent(last):N1} µs CPU/event, {apply.AllocatedPerEvent(last):N0} B/event, GC paused {apply.GcShare:P0}");
                long profilesDecided = 0;
                var decide = Measure(() =>
                {
                    var now = DateTimeOffset.UtcNow;
                    int n;
                    while ((n = splitProcessor.RunAudiences([model], now, 20_000)) > 0)
                        profilesDecided += n;
                    return last;
                });
                Log($"  audiences alone (default lifecycle rules, no segments): {profilesDecided:N0} profiles, {decide.CpuSeconds * 1e6 / Math.Max(1, profilesDecided):N1} µs CPU/profile, {decide.Allocated / (double)Math.Max(1, profilesDecided):N0} B/profile");
                chunks.Clear();
            }

            GC.Collect();
            long heapBefore = GC.GetTotalMemory(true);
            var state = new DerivedState(store.Events, store.Transitions);
            var processor = new DerivedProcessor(state, _ => ProcessingRules.Default);
            var rebuild = Measure(() =>
            {
                // As the server's processing loop: the log read one chunk ahead, audiences decided in small budgets while
                // a full chunk came in (events first), then caught up.
                var now = DateTimeOffset.UtcNow;
                var reader = new LogReadAhead(store.Events, 8_192);
                while (true)
                {
                    var chunk = reader.ReadAfterAsync(state.Checkpoint).AsTask().GetAwaiter().GetResult();
                    processor.Apply(chunk, now);
                    var decided = processor.RunAudiences(
                        [model], now, chunk.Count == reader.Chunk ? DerivedProcessor.AudienceBudgetWhileBehind : DerivedProcessor.AudienceBudget);
                    processor.DrainTransitions();
                    if (chunk.Count == 0 && decided == 0)
                        return state.Checkpoint;
                }
            });
            Log($"full rebuild from the log: {rebuild.Rate(last):N0} events/s, {rebuild.CpuPerEvent(last):N1} µs CPU/event, {rebuild.AllocatedPerEvent(last):N0} B/event, GC paused {rebuild.GcShare:P0}; {state.ProfileTotal:N0} profiles");
            GC.Collect();
            long heapAfter = GC.GetTotalMemory(true);
            Log($"managed heap after the rebuild: {heapAfter / 1e6:N0} MB ({(heapAfter - heapBefore) / 1e6:N0} MB is the derived state: "
                + $"{(heapAfter - heapBefore) / (double)last:N0} bytes/event, {(heapAfter - heapBefore) / (double)Math.Max(1, state.ProfileTotal):N0} bytes/profile), process RSS {Environment.WorkingSet / 1e6:N0} MB");
            Log(StateBreakdown.Describe(state, heapAfter - heapBefore, last));

            SnapshotInfo? saved = null;
            var write = Measure(() =>
            {
                var writer = state.BeginSnapshot(processor, DateTimeOffset.UtcNow)!;
                saved = store.Snapshots.Save(writer.Seq, stream => writer.WriteTo(stream));
                return last;
            });
            Log($"write a snapshot: {write.Seconds:N2} s, {saved!.Bytes / 1e6:N0} MB ({saved.Bytes / (double)last:N0} bytes/event)");

            var loaded = new DerivedState(store.Events, store.Transitions);
            var load = Measure(() =>
            {
                using var stream = store.Snapshots.OpenRead(saved);
                SnapshotFormat.Load(stream, loaded, new DerivedProcessor(loaded, _ => ProcessingRules.Default));
                return last;
            });
            Log($"load the snapshot (a restart): {load.Seconds:N2} s; {loaded.ProfileTotal:N0} profiles");

            Console.WriteLine();
            Console.WriteLine("| step | figure |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| read the log alone | {read.Rate(last):N0} events/s ({read.CpuPerEvent(last):N1} µs CPU/event) |");
            Console.WriteLine($"| full rebuild from the log | **{rebuild.Rate(last):N0} events/s** ({rebuild.CpuPerEvent(last):N1} µs CPU/event, {rebuild.AllocatedPerEvent(last):N0} B/event, GC paused {rebuild.GcShare:P0}) |");
            Console.WriteLine($"| write a snapshot | {write.Seconds:N2} s, {saved.Bytes / 1e6:N0} MB |");
            Console.WriteLine($"| load it (restart) | {load.Seconds:N2} s |");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!args.Bool("keep", false))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task FillAsync(SqliteStore store, Workload workload)
    {
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < workload.Batches; i++)
        {
            using var request = SegmentRequest.Parse(workload.Body(i));
            var accepted = request.Extract(null, 1, 1, DateTimeOffset.UtcNow).Accepted;
            await store.Events.AppendAsync(accepted, new long[accepted.Count]).ConfigureAwait(false);
        }

        Log($"filled the log in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private static Result Measure(Func<long> action)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        action();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Result(seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, GC.GetTotalAllocatedBytes() - allocated,
            (GC.GetTotalPauseDuration() - paused).TotalSeconds / seconds);
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private sealed record Result(double Seconds, double CpuSeconds, long Allocated, double GcShare)
    {
        public double Rate(long events) => events / Seconds;

        public double CpuPerEvent(long events) => CpuSeconds * 1e6 / events;

        public double AllocatedPerEvent(long events) => Allocated / (double)events;
    }
}
