using System.Globalization;

namespace Omnia.Bench.Recompute;

/// <summary>
/// Samples the machine's memory in use (<c>MemTotal − MemAvailable</c> from <c>/proc/meminfo</c>: processes and
/// PostgreSQL's shared memory, not the reclaimable page cache) twice a second, keeping the peak.
/// </summary>
public sealed class RecomputeMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public RecomputeMemory()
    {
        Baseline = InUse();
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>In use when sampling started (other work on the machine).</summary>
    public long Baseline { get; }

    public long Peak => Math.Max(Interlocked.Read(ref _peak), InUse());

    public static long InUse()
    {
        long total = 0, available = 0;
        foreach (string line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kilobytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kilobytes(line);
            }
        }

        return (total - available) * 1024;
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        long now = InUse();
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
