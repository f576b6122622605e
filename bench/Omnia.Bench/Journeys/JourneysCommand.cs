using System.Diagnostics;
using System.Globalization;
using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Storage.Sqlite;

namespace Omnia.Bench.Journeys;

/// <summary>
/// <c>journeys</c>: the journey engine inside the derived state, at the scale of issue 8's targets, without HTTP in
/// the way (the ingest benchmarks measure that part). A log of one <c>Product Added</c> (with its own <c>cart_id</c>)
/// per person is written untimed, then, each on the same events read into memory:
/// <list type="number">
/// <item>the baseline: the events applied to a derived state with no journey (identity, profiles, behaviour);</item>
/// <item>entries: the same with the abandoned-cart journey live, so every event starts an instance that waits for its
/// order; entries per second, and the managed heap the waiting instances add over the baseline;</item>
/// <item>timers: the clock moved past every timeout at once; the wakes per second (each sends the reminder and exits),
/// then the reminders written to the SQLite outbox;</item>
/// <item>broadcast: a segment of every person computed (untimed), a scheduled broadcast to it published; the time from
/// its occurrence until every member has entered and passed the first decision (a condition split), then the sends
/// it produced written to the outbox.</item>
/// </list>
/// </summary>
public static class JourneysCommand
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private const string AbandonedCart = """
        {"version":1,"name":"Abandoned cart","trigger":{"event":{"name":"Product Added","key":"cart_id"}},"entry":{"rule":"once"},
         "goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},
         "exitOn":[{"event":{"name":"Order Completed"},"matchKey":"cart_id"}],
         "start":"wait","nodes":[
           {"id":"wait","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"done","onTimeout":"reminder"},
           {"id":"reminder","type":"send","content":"cart-reminder","channel":"email","next":"done"},
           {"id":"done","type":"exit"}]}
        """;

    private static string Broadcast(DateTimeOffset at) => """
        {"version":1,"name":"Spring sale","trigger":{"schedule":{"segment":"shoppers","at":"AT"}},
         "entry":{"rule":"once"},
         "start":"big-carts","nodes":[
           {"id":"big-carts","type":"condition","if":{"event":{"name":"Product Added","count":{"op":"atLeast","value":2}}},"then":"vip-offer","else":"offer"},
           {"id":"vip-offer","type":"send","content":"spring-vip","channel":"email","next":"done"},
           {"id":"offer","type":"send","content":"spring","channel":"email","next":"done"},
           {"id":"done","type":"exit"}]}
        """.Replace("AT", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private const string Shoppers = """{"version":1,"name":"Shoppers","condition":{"event":{"name":"Product Added"}}}""";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        string[] known = ["people", "keep", "timer-rate", "timer-seconds"];
        if (args.Unknown(known).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option --{unknown}. Options: {string.Join(", ", known.Select(k => "--" + k))}");
            return 2;
        }

        int people = args.Int("people", 1_000_000);
        Console.WriteLine($"# journeys: {people:N0} people, one Product Added each");
        Console.WriteLine(Machine.Describe());
        string directory = Directory.CreateTempSubdirectory("omnia-bench-journeys-").FullName;
        try
        {
            using var store = new SqliteStore(directory, TimeProvider.System);
            await FillAsync(store, people).ConfigureAwait(false);
            var chunks = new List<IReadOnlyList<LogEvent>>();
            for (long after = 0; ;)
            {
                var chunk = await store.Events.ReadAfterAsync(after, 8_192).ConfigureAwait(false);
                if (chunk.Count == 0)
                    break;
                chunks.Add(chunk);
                after = chunk[^1].Seq;
            }

            var empty = AudienceModel.Empty(1);
            var now = T0.AddMinutes(5);

            // Two rounds, each a baseline then the journey, the faster kept: the first round also pays for the JIT
            // and the heap's growth, and this machine is shared.
            var cart = CompiledJourney.Compile(7, 1, JourneyDefinition.Parse(AbandonedCart).Definition!);
            var journeys = new JourneyModel(1, [cart], []);
            Result baseline = null!, entries = null!;
            long baseHeap = 0, journeyHeap = 0;
            DerivedState state = null!;
            DerivedProcessor processor = null!;
            for (int round = 1; round <= 2; round++)
            {
                // 1. Baseline: the same events, no journey.
                state = null!;
                processor = null!;
                long heap0 = Heap();
                var baseState = new DerivedState(store.Events, store.Transitions);
                var baseProcessor = new DerivedProcessor(baseState, _ => ProcessingRules.Default);
                var b = Measure(() => ApplyAll(baseProcessor, chunks, empty, now, []));
                long grown = Heap() - heap0;
                GC.KeepAlive(baseProcessor);
                baseHeap = round == 1 ? grown : baseHeap; // the first round starts from an empty heap; later ones are muddied by the previous round's garbage
                baseline = baseline is null || b.Seconds < baseline.Seconds ? b : baseline;
                Log($"round {round} baseline (no journey): {people / b.Seconds:N0} events/s, heap grew {grown / 1e6:N0} MB");
                GC.KeepAlive(baseState);
                baseState = null;
                baseProcessor = null;

                // 2. Entries: every event starts an abandoned-cart instance that waits for its order.
                heap0 = Heap();
                state = new DerivedState(store.Events, store.Transitions);
                processor = new DerivedProcessor(state, _ => ProcessingRules.Default);
                var p = processor;
                var e = Measure(() => ApplyAll(p, chunks, empty, now, [journeys]));
                grown = Heap() - heap0;
                GC.KeepAlive(p);
                journeyHeap = round == 1 ? grown : journeyHeap;
                entries = entries is null || e.Seconds < entries.Seconds ? e : entries;
                Log($"round {round} with the journey: {people / e.Seconds:N0} events/s, heap grew {grown / 1e6:N0} MB");
            }

            var counters = state.JourneyCounters[7];
            long waiting = journeyHeap - baseHeap;
            long entered = counters.Entries, active = counters.Active;
            Log($"entries: {counters.Entries:N0} entered, {counters.Active:N0} waiting; {counters.Entries / entries.Seconds:N0} entries/s "
                + $"(events with entries {people / entries.Seconds:N0}/s = {baseline.Seconds / entries.Seconds:P0} of the baseline's rate; "
                + $"the engine's share {(entries.Seconds - baseline.Seconds) * 1e6 / people:N2} µs per entry)");
            Log($"waiting instances: {waiting / 1e6:N0} MB over the baseline = {waiting / (double)counters.Active:N0} B per waiting instance; "
                + $"1,000,000 waiting ≈ {waiting / (double)counters.Active * 1e6 / 1e9:N2} GB");
            chunks.Clear();

            // 3. Timers: every timeout due at once.
            long wakes = 0;
            var due = T0.AddHours(2);
            var timers = Measure(() =>
            {
                int n;
                while ((n = processor.RunJourneys(due, budget: 5_000)) > 0)
                    wakes += n;
                return wakes;
            });
            var reminders = processor.DrainOutbox();
            Log($"timers: {wakes:N0} fired in {timers.Seconds:N2} s = {wakes / timers.Seconds:N0} wakes/s (each sends the reminder and exits), {reminders.Count:N0} outbox items");
            var write = Stopwatch.StartNew();
            foreach (var part in reminders.Chunk(5_000))
                await store.Outbox.AddAsync(part).ConfigureAwait(false);
            write.Stop();
            Log($"  written to the SQLite outbox in {write.Elapsed.TotalSeconds:N2} s = {reminders.Count / write.Elapsed.TotalSeconds:N0} items/s");
            int reminderCount = reminders.Count;
            double reminderWrite = write.Elapsed.TotalSeconds;
            reminders = [];

            // 4. Broadcast to everyone, through the first decision.
            var segment = new StoredSegment(1, 1, "shoppers", SegmentDefinition.Parse(Shoppers).Definition!, 1, due, due);
            var model = AudienceModel.Build(1, [segment], AudienceSettings.Default);
            processor.UseModels([model]);
            var recompute = Stopwatch.StartNew();
            while (processor.RunAudiences([model], due, 100_000) > 0)
                processor.DrainTransitions();
            Log($"segment 'shoppers': {state.MemberIds(1).Count:N0} members (computed in {recompute.Elapsed.TotalSeconds:N1} s, untimed for the broadcast)");
            var at = due.AddMinutes(10);
            var sale = CompiledJourney.Compile(8, 1, JourneyDefinition.Parse(Broadcast(at)).Definition!);
            processor.UseJourneys([new JourneyModel(1, [cart, sale], [])]);
            processor.RunJourneys(due); // first seen: schedules the occurrence
            // As the processing loop does: a chunk of members per pass (DerivedProcessor.BroadcastChunk), its effects drained.
            var sends = new List<OutboxItem>();
            int passes = 0;
            var broadcast = Measure(() =>
            {
                while (processor.RunJourneys(at) > 0)
                {
                    passes++;
                    sends.AddRange(processor.DrainOutbox());
                }

                return passes;
            });
            var saleCounters = state.JourneyCounters[8];
            Log($"broadcast: {saleCounters.Entries:N0} entered and passed the first decision in {broadcast.Seconds:N2} s in {passes} passes "
                + $"({saleCounters.Entries / broadcast.Seconds:N0} entries/s; {saleCounters.StepArrivals.GetValueOrDefault("offer"):N0} to 'offer', "
                + $"{saleCounters.StepArrivals.GetValueOrDefault("vip-offer"):N0} to 'vip-offer'), GC paused {broadcast.GcShare:P0}");
            write.Restart();
            foreach (var part in sends.Chunk(5_000))
                await store.Outbox.AddAsync(part).ConfigureAwait(false);
            write.Stop();
            Log($"  {sends.Count:N0} sends written to the SQLite outbox in {write.Elapsed.TotalSeconds:N2} s; through the first decision and into the outbox: {broadcast.Seconds + write.Elapsed.TotalSeconds:N2} s");
            GC.KeepAlive(state);
            state = null!;
            processor = null!;

            // 5. Timers due at a steady rate on the real clock, fired by a loop like the server's (wakes, then the
            // outbox written), lateness = when its reminder reached the outbox − when it was due.
            int rate = args.Int("timer-rate", 20_000), seconds = args.Int("timer-seconds", 20);
            var lateness = await TimersAtRateAsync(Path.Combine(directory, "timers"), rate, seconds).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine("| measure | figure |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| events applied, no journey (baseline) | {people / baseline.Seconds:N0} events/s |");
            Console.WriteLine($"| journey entries (abandoned cart, one per event) | **{entered / entries.Seconds:N0} entries/s** ({baseline.Seconds / entries.Seconds:P0} of the baseline's rate) |");
            Console.WriteLine($"| waiting instances | {waiting / (double)active:N0} B each; 1M ≈ {waiting / (double)active * 1e6 / 1e9:N2} GB |");
            Console.WriteLine($"| timers fired at once | {wakes / timers.Seconds:N0} wakes/s; {reminderCount:N0} reminders into the outbox at {reminderCount / reminderWrite:N0}/s |");
            Console.WriteLine($"| timers due at {rate:N0}/s for {seconds} s, reminders into the outbox | lateness p50 {lateness.P50:N0} ms, p99 **{lateness.P99:N0} ms**, max {lateness.Max:N0} ms |");
            Console.WriteLine($"| broadcast to {saleCounters.Entries:N0} through the first decision | **{broadcast.Seconds:N2} s** (+{write.Elapsed.TotalSeconds:N2} s into the outbox) |");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!args.Bool("keep", false))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static long ApplyAll(DerivedProcessor processor, List<IReadOnlyList<LogEvent>> chunks, AudienceModel model, DateTimeOffset now, IReadOnlyList<JourneyModel> journeys)
    {
        processor.UseModels([model]);
        processor.UseJourneys(journeys);
        long applied = 0;
        foreach (var chunk in chunks)
        {
            processor.Apply(chunk, now);
            processor.RunAudiences([model], now, DerivedProcessor.AudienceBudgetWhileBehind);
            processor.DrainTransitions();
            processor.DrainOutbox();
            applied += chunk.Count;
        }

        while (processor.RunAudiences([model], now, DerivedProcessor.AudienceBudget) > 0)
            processor.DrainTransitions();
        return applied;
    }

    private static Task FillAsync(SqliteStore store, int people) => FillAsync(store, people, i => T0.AddMilliseconds(i % 60_000), T0.AddMinutes(5));

    private static async Task FillAsync(SqliteStore store, int people, Func<int, DateTimeOffset> stamp, DateTimeOffset received)
    {
        var clock = Stopwatch.StartNew();
        const int batch = 1_000;
        for (int start = 0; start < people; start += batch)
        {
            var body = new StringBuilder("{\"batch\":[");
            for (int i = start; i < Math.Min(people, start + batch); i++)
            {
                if (i > start)
                    body.Append(',');
                var at = stamp(i);
                body.Append(CultureInfo.InvariantCulture,
                    $$$"""{"type":"track","messageId":"m{{{i}}}","userId":"u{{{i}}}","event":"Product Added","timestamp":"{{{SegmentRequest.Iso(at)}}}","properties":{"cart_id":"c{{{i}}}","name":"Trail boot","price":129.5}}""");
            }

            body.Append("]}");
            using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes(body.ToString()));
            var accepted = request.Extract(null, 1, 1, received).Accepted;
            await store.Events.AppendAsync(accepted, new long[accepted.Count]).ConfigureAwait(false);
        }

        Log($"filled the log with {people:N0} events in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private static async Task<(double P50, double P99, double Max)> TimersAtRateAsync(string directory, int rate, int seconds)
    {
        Directory.CreateDirectory(directory);
        using var store = new SqliteStore(directory, TimeProvider.System);
        int count = rate * seconds;
        // Adds stamped so that their hour runs out from `start` on, `rate` per second.
        var start = DateTimeOffset.UtcNow.AddSeconds(15 + count / 50_000);
        var step = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rate);
        await FillAsync(store, count, i => start.AddHours(-1) + step * i, DateTimeOffset.UtcNow).ConfigureAwait(false);
        var state = new DerivedState(store.Events, store.Transitions);
        var processor = new DerivedProcessor(state, _ => ProcessingRules.Default);
        var cart = CompiledJourney.Compile(7, 1, JourneyDefinition.Parse(AbandonedCart).Definition!);
        var chunks = new List<IReadOnlyList<LogEvent>>();
        for (long after = 0; ;)
        {
            var chunk = await store.Events.ReadAfterAsync(after, 8_192).ConfigureAwait(false);
            if (chunk.Count == 0)
                break;
            chunks.Add(chunk);
            after = chunk[^1].Seq;
        }

        ApplyAll(processor, chunks, AudienceModel.Empty(1), DateTimeOffset.UtcNow, [new JourneyModel(1, [cart], [])]);
        chunks.Clear();
        var ready = DateTimeOffset.UtcNow;
        if (ready >= start)
            Log($"  (the {count:N0} instances were ready {(ready - start).TotalSeconds:N1} s after the first was due; those are late by set-up)");
        Log($"timers at a steady rate: {count:N0} due from {start:HH:mm:ss.fff}, {rate:N0}/s for {seconds} s");
        var late = new List<double>(count);
        while (late.Count < count)
        {
            var now = DateTimeOffset.UtcNow;
            processor.RunJourneys(now);
            var items = processor.DrainOutbox();
            if (items.Count > 0)
            {
                await store.Outbox.AddAsync(items).ConfigureAwait(false);
                var written = DateTimeOffset.UtcNow;
                foreach (var item in items)
                    late.Add((written - item.At).TotalMilliseconds);
            }
            else
            {
                // Idle: sleep until the next timer, as the server's loop does.
                var next = processor.NextJourneyTimer();
                var wait = next is { } n ? n - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(100);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(100) ? wait : TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }
        }

        late.Sort();
        var result = (late[late.Count / 2], late[(int)(late.Count * 0.99)], late[^1]);
        Log($"  lateness: p50 {result.Item1:N0} ms, p99 {result.Item2:N0} ms, max {result.Item3:N0} ms over {late.Count:N0} timers");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return result;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    private static Result Measure(Func<long> action)
    {
        GC.Collect();
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        action();
        var seconds = clock.Elapsed.TotalSeconds;
        return new Result(seconds, (GC.GetTotalPauseDuration() - paused).TotalSeconds / seconds);
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private sealed record Result(double Seconds, double GcShare);
}
