using System.Diagnostics;

namespace Omnia.Bench.Load;

/// <summary>What to send to a fresh <c>omnia serve</c>, and for how long at most.</summary>
public sealed record LoadOptions(
    int Batch, int Concurrency, int People, int WarmupBatches,
    TimeSpan SendLimit, TimeSpan CatchUpLimit, IReadOnlyDictionary<string, string> ServerEnvironment);

/// <summary>
/// One measurement against a fresh server: warm up (and let profiles catch up), send the events
/// while a monitor samples <c>/health</c>, RSS and CPU every second, then wait until profiles have
/// caught up with the log (<c>profilesLag == 0</c>).
/// </summary>
public static class LoadSession
{
    public static async Task<SessionResult> RunAsync(LoadOptions options, Workload workload, Action<string> log)
    {
        await using var server = await OmniaServerProcess.StartAsync(options.ServerEnvironment, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        log($"omnia serve pid {server.Pid} on {server.BaseAddress} (data {server.DataDirectory})");
        using var sender = new BatchSender(server.BaseAddress, options.Concurrency);

        if (options.WarmupBatches > 0)
        {
            var warm = new SegmentEventGenerator(options.People, options.Batch, "warm" + Guid.NewGuid().ToString("N")[..4], seed: 7);
            var warmup = await sender.SendAsync(options.WarmupBatches, warm.Batch, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            await CatchUpAsync(server, warmup.Accepted, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
            log($"warm-up: {warmup.Accepted:N0} events at {warmup.EventsPerSecond:N0}/s, profiles caught up");
        }

        long baseline = (await server.HealthAsync().ConfigureAwait(false)).LogPosition;
        using var monitor = new ServerMonitor(server, log);
        var monitorTask = monitor.RunAsync();
        double serverCpu0 = ProcessStats.CpuSeconds(server.Pid);
        double clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var wall = Stopwatch.StartNew();

        var sent = await sender.SendAsync(workload.Batches, workload.Body, options.SendLimit).ConfigureAwait(false);
        double sendSeconds = wall.Elapsed.TotalSeconds;
        double serverCpuSend = ProcessStats.CpuSeconds(server.Pid) - serverCpu0;
        double clientCpuSend = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpu0;
        var atSendEnd = await server.HealthAsync().ConfigureAwait(false);
        var memoryAtSendEnd = ProcessStats.Memory(server.Pid);
        log($"sent {sent.Accepted:N0} events in {sendSeconds:N1} s: {sent.EventsPerSecond:N0} events/s, p50 {sent.P50:N1} ms, p99 {sent.P99:N1} ms, failures {sent.Failures}, answered 429 and resent {sent.Throttled:N0}; profiles lag {atSendEnd.ProfilesLag:N0}");

        var caughtUp = await CatchUpAsync(server, baseline + sent.Accepted, options.CatchUpLimit).ConfigureAwait(false);
        double totalSeconds = wall.Elapsed.TotalSeconds;
        double serverCpuTotal = ProcessStats.CpuSeconds(server.Pid) - serverCpu0;
        monitor.Stop();
        var samples = await monitorTask.ConfigureAwait(false);
        var memory = ProcessStats.Memory(server.Pid);
        long dataBytes = server.DataBytes();
        log(caughtUp
            ? $"profiles caught up {totalSeconds - sendSeconds:N1} s after the last ack: {sent.Accepted / totalSeconds:N0} events/s with identity included"
            : $"profiles did NOT catch up within {options.CatchUpLimit.TotalSeconds:N0} s");

        return new SessionResult(
            options, workload.BytesPerEvent, sent, sendSeconds, caughtUp, caughtUp ? totalSeconds : double.NaN, atSendEnd.ProfilesLag,
            serverCpuSend, clientCpuSend, serverCpuTotal, memoryAtSendEnd.Rss, memory.Rss, Math.Max(memory.Peak, samples.Count == 0 ? 0 : samples.Max(s => s.PeakBytes)),
            dataBytes, samples);
    }

    /// <summary>Polls <c>/health</c> every 100 ms until the log holds <paramref name="logPosition"/> events and profiles lag by 0.</summary>
    private static async Task<bool> CatchUpAsync(OmniaServerProcess server, long logPosition, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            var health = await server.HealthAsync().ConfigureAwait(false);
            if (health.ProfilesLag == 0 && health.LogPosition >= logPosition)
            {
                return true;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return false;
    }
}

/// <summary>Everything measured in one session.</summary>
public sealed record SessionResult(
    LoadOptions Options, double BytesPerEvent, SendResult Send, double SendSeconds, bool CaughtUp, double SecondsUntilCaughtUp,
    long LagAtSendEnd, double ServerCpuDuringSend, double ClientCpuDuringSend, double ServerCpuUntilCaughtUp,
    long RssAtSendEnd, long RssAtEnd, long PeakRss, long DataBytes, IReadOnlyList<MonitorSample> Samples)
{
    /// <summary>Events per second from the first request until profiles had caught up.</summary>
    public double IdentityIncludedEventsPerSecond => Send.Accepted / SecondsUntilCaughtUp;

    /// <summary>Profile processing rate after the last ack (events/s), from the lag left then.</summary>
    public double CatchUpEventsPerSecond => LagAtSendEnd / (SecondsUntilCaughtUp - SendSeconds);
}
