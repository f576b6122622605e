using System.Buffers;
using Omnia.Core.Segments;

namespace Omnia.Core.Funnels;

/// <summary>
/// A <see cref="FunnelSpec"/> compiled for matching a profile's events (in time order): how far into the funnel the
/// person got, with the first step between two instants, and when each step was reached. Immutable and safe to share
/// between threads: funnel reports and the dropout segment condition use the same matcher, so they count the same people.
/// </summary>
public sealed class FunnelMatcher
{
    private const long None = long.MinValue;

    private readonly EventMatcher[] _steps;
    private readonly long _within;

    public FunnelMatcher(FunnelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _steps = [.. spec.Steps.Select(s => new EventMatcher(s.Event))];
        _within = spec.Within.ToTimeSpan().Ticks;
    }

    /// <summary>The funnel.</summary>
    public FunnelSpec Spec { get; }

    /// <summary>How many steps it has.</summary>
    public int StepCount => _steps.Length;

    /// <summary>
    /// The number of steps the person reached (0: never did the first step between <paramref name="fromTicks"/>,
    /// inclusive, and <paramref name="toTicks"/>). Every later step must come within the conversion window of the
    /// first, at any time after it. <paramref name="reached"/> (at least <see cref="StepCount"/> long) receives when
    /// each reached step was reached, in UTC ticks: in strict order the time of its event; in any order the time by
    /// which steps 1 to k were all done. Of several attempts the deepest counts, and of equally deep ones the
    /// earliest (in strict order, the one that started last before it went deepest, keeping most of the window).
    /// </summary>
    public int Match(ReadOnlySpan<ProfileEvent> events, long fromTicks, long toTicks, Span<long> reached)
    {
        if (reached.Length < _steps.Length)
            throw new ArgumentException($"reached must hold {_steps.Length} times.", nameof(reached));
        return Spec.Order == FunnelOrder.Strict ? Strict(events, fromTicks, toTicks, reached) : AnyOrder(events, fromTicks, toTicks, reached);
    }

    private int Strict(ReadOnlySpan<ProfileEvent> events, long fromTicks, long toTicks, Span<long> reached)
    {
        var n = _steps.Length;
        // start[k]: the latest first-step time of an attempt that reached step k; times[k * n + j]: when that attempt did step j.
        Span<long> start = stackalloc long[n];
        Span<long> times = stackalloc long[n * n];
        start.Fill(None);
        var depth = 0;
        foreach (ref readonly var e in events)
        {
            var t = e.UtcTicks;
            for (var k = n - 1; k >= 1; k--)
            {
                var from = start[k - 1];
                if (from == None || from <= start[k] || t - from > _within || !_steps[k].Matches(in e))
                    continue;
                start[k] = from;
                times.Slice((k - 1) * n, k).CopyTo(times.Slice(k * n, k));
                times[k * n + k] = t;
                if (k + 1 > depth)
                {
                    depth = k + 1;
                    times.Slice(k * n, k + 1).CopyTo(reached);
                }
            }

            if (t >= fromTicks && t < toTicks && _steps[0].Matches(in e))
            {
                start[0] = t;
                times[0] = t;
                if (depth == 0)
                {
                    depth = 1;
                    reached[0] = t;
                }
            }
        }

        return depth;
    }

    private int AnyOrder(ReadOnlySpan<ProfileEvent> events, long fromTicks, long toTicks, Span<long> reached)
    {
        var n = _steps.Length;
        // The events that do some step, with a bit per step they do.
        var pool = ArrayPool<long>.Shared;
        var ticks = pool.Rent(Math.Max(16, events.Length));
        var masks = ArrayPool<int>.Shared.Rent(Math.Max(16, events.Length));
        try
        {
            var m = 0;
            foreach (ref readonly var e in events)
            {
                var mask = 0;
                for (var k = 0; k < n; k++)
                {
                    if (_steps[k].Matches(in e))
                        mask |= 1 << k;
                }

                if (mask != 0)
                {
                    ticks[m] = e.UtcTicks;
                    masks[m++] = mask;
                }
            }

            Span<long> first = stackalloc long[n];
            var best = 0;
            for (var i = 0; i < m && best < n; i++)
            {
                if (ticks[i] < fromTicks || ticks[i] >= toTicks)
                    continue;
                first.Fill(None);
                var seen = 0;
                for (var j = i; j < m && ticks[j] - ticks[i] <= _within && seen != (1 << n) - 1; j++)
                {
                    var fresh = masks[j] & ~seen;
                    for (var k = 0; fresh != 0 && k < n; k++)
                    {
                        if ((fresh & (1 << k)) != 0)
                            first[k] = ticks[j];
                    }

                    seen |= masks[j];
                }

                var depth = 0;
                while (depth < n && first[depth] != None)
                    depth++;
                if (depth <= best)
                    continue;
                best = depth;
                var by = long.MinValue;
                for (var k = 0; k < depth; k++)
                {
                    by = Math.Max(by, first[k]);
                    reached[k] = by;
                }
            }

            return best;
        }
        finally
        {
            pool.Return(ticks);
            ArrayPool<int>.Shared.Return(masks);
        }
    }
}
