namespace Omnia.Core.Segments;

/// <summary>Instant arithmetic that saturates instead of throwing at the ends of <see cref="DateTimeOffset"/>'s range.</summary>
internal static class TimeMath
{
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    /// <summary><paramref name="instant"/> + <paramref name="span"/> in UTC, or null (never) past the end of time.</summary>
    public static DateTimeOffset? AddOrNever(DateTimeOffset instant, TimeSpan span)
    {
        var ticks = instant.UtcTicks;
        return ticks > MaxTicks - span.Ticks ? null : new DateTimeOffset(ticks + span.Ticks, TimeSpan.Zero);
    }

    /// <summary><paramref name="instant"/> − <paramref name="span"/> in UTC, clamped to the beginning of time.</summary>
    public static DateTimeOffset SubtractOrMin(DateTimeOffset instant, TimeSpan span)
    {
        var ticks = instant.UtcTicks;
        return ticks < span.Ticks ? DateTimeOffset.MinValue : new DateTimeOffset(ticks - span.Ticks, TimeSpan.Zero);
    }

    /// <summary>The earlier of two instants where null means never.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is not { } x ? b : b is not { } y ? a : x <= y ? x : y;

    /// <summary>The later of two instants where null means never (so never wins).</summary>
    public static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is not { } x || b is not { } y ? null : x >= y ? x : y;

    /// <summary>The index of the first event after <paramref name="instant"/>; events are in timestamp order.</summary>
    public static int FirstAfter(ReadOnlySpan<ProfileEvent> events, DateTimeOffset instant) => Search(events, instant, inclusive: false);

    /// <summary>The index of the first event at or after <paramref name="instant"/>.</summary>
    public static int FirstAtOrAfter(ReadOnlySpan<ProfileEvent> events, DateTimeOffset instant) => Search(events, instant, inclusive: true);

    private static int Search(ReadOnlySpan<ProfileEvent> events, DateTimeOffset instant, bool inclusive)
    {
        int low = 0, high = events.Length;
        var ticks = instant.UtcTicks;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var timestamp = events[middle].UtcTicks;
            if (timestamp > ticks || (inclusive && timestamp == ticks))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
