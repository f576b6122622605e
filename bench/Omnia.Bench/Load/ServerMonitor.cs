using System.Diagnostics;

namespace Omnia.Bench.Load;

/// <summary>
/// Samples the server once a second: <c>/health</c> (log and profiles positions), RSS and its peak from
/// <c>/proc/PID/status</c> (VmRSS/VmHWM), and CPU seconds. Logs a progress line every ten seconds.
/// </summary>
public sealed class ServerMonitor(OmniaServerProcess server, Action<string> log) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public async Task<IReadOnlyList<MonitorSample>> RunAsync()
    {
        var samples = new List<MonitorSample>();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var (rss, peak) = ProcessStats.Memory(server.Pid);
                HealthSample health;
                try
                {
                    health = await server.HealthAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    continue;
                }
                catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
                {
                    continue; // /health itself took over 30 s: the server is saturated; try again
                }

                var sample = new MonitorSample(clock.Elapsed.TotalSeconds, health.LogPosition, health.ProfilesPosition, rss, peak, ProcessStats.CpuSeconds(server.Pid));
                samples.Add(sample);
                if (samples.Count % 10 == 0)
                {
                    log($"  t={sample.Seconds,5:N0}s log={sample.LogPosition,12:N0} profiles={sample.ProfilesPosition,12:N0} lag={sample.LogPosition - sample.ProfilesPosition,11:N0} rss={sample.RssBytes / 1e6,7:N0} MB peak={sample.PeakBytes / 1e6,7:N0} MB");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return samples;
    }

    public void Stop() => _stop.Cancel();

    public void Dispose() => _stop.Dispose();
}

/// <summary>One monitor reading; <see cref="Seconds"/> since the measured run started.</summary>
public readonly record struct MonitorSample(double Seconds, long LogPosition, long ProfilesPosition, long RssBytes, long PeakBytes, double CpuSeconds);
