namespace Omnia.Bench.Load;

/// <summary>A markdown table of about <c>rows</c> monitor samples, evenly spaced over the run.</summary>
public static class Timeline
{
    public static void Print(IReadOnlyList<MonitorSample> samples, int rows = 15)
    {
        if (samples.Count == 0)
        {
            return;
        }

        Console.WriteLine("| t (s) | log position | profiles position | lag | ingest ev/s | profiles ev/s | RSS (MB) | peak RSS (MB) | server CPU (cores) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int step = Math.Max(1, samples.Count / rows);
        MonitorSample? previous = null;
        for (int i = 0; i < samples.Count; i += step)
        {
            Row(samples[i], previous);
            previous = samples[i];
        }

        if ((samples.Count - 1) % step != 0)
        {
            Row(samples[^1], previous);
        }
    }

    private static void Row(MonitorSample s, MonitorSample? p)
    {
        double dt = p is { } q ? s.Seconds - q.Seconds : s.Seconds;
        string Rate(long now, long before) => dt > 0 ? $"{(now - before) / dt:N0}" : "";
        Console.WriteLine($"| {s.Seconds:N0} | {s.LogPosition:N0} | {s.ProfilesPosition:N0} | {s.LogPosition - s.ProfilesPosition:N0} | " +
            $"{(p is { } a ? Rate(s.LogPosition, a.LogPosition) : "")} | {(p is { } b ? Rate(s.ProfilesPosition, b.ProfilesPosition) : "")} | " +
            $"{s.RssBytes / 1e6:N0} | {s.PeakBytes / 1e6:N0} | {(p is { } c && dt > 0 ? $"{(s.CpuSeconds - c.CpuSeconds) / dt:N2}" : "")} |");
    }
}
