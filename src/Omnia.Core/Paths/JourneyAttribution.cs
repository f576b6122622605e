using System.Globalization;
using System.Text;
using Omnia.Core.Attribution;

namespace Omnia.Core.Paths;

/// <summary>Feeds the journeys a scan collected to the attribution engine.</summary>
public static class JourneyAttribution
{
    /// <summary>How many journeys the accumulators collected for attribution.</summary>
    public static long Count(IEnumerable<PathAccumulator> accumulators) => accumulators.Sum(a => (long)(a.AttributionJourneys?.Count ?? 0));

    /// <summary>
    /// The journeys of <paramref name="accumulators"/> (made with <c>collectJourneys</c>) as a <see cref="PathSet"/>: a
    /// converting journey adds one conversion and its value to its path, one that did not convert one null. Identical
    /// journeys are added up first (their value exactly, in decimal) and fed in the order of their paths, so the same
    /// journeys give the same bits whatever order the scan met them in.
    /// </summary>
    public static PathSet PathSet(IEnumerable<PathAccumulator> accumulators)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        var paths = new Dictionary<string, (AttributionTouch[] Touches, long Conversions, decimal Value, long Nulls)>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var accumulator in accumulators)
        {
            foreach (var (touches, converted, value) in accumulator.AttributionJourneys ?? [])
            {
                key.Clear();
                foreach (var t in touches)
                    key.Append(t.Channel).Append('\u001f').Append(t.Campaign).Append('\u001f').Append(t.Timestamp?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append((int)t.Milestone).Append('\u001e');
                var text = key.ToString();
                var sum = paths.TryGetValue(text, out var found) ? found : (touches, 0L, 0m, 0L);
                paths[text] = converted ? (sum.Item1, sum.Item2 + 1, sum.Item3 + value, sum.Item4) : (sum.Item1, sum.Item2, sum.Item3, sum.Item4 + 1);
            }
        }

        var builder = new PathSetBuilder();
        foreach (var (_, (touches, conversions, value, nulls)) in paths.OrderBy(p => p.Key, StringComparer.Ordinal))
            builder.Add(touches, conversions, (double)value, nulls);
        return builder.Build();
    }
}
