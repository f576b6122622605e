using Omnia.Core.Attribution;

namespace Omnia.Core.Paths;

/// <summary>Feeds the journeys a scan collected to the attribution engine.</summary>
public static class JourneyAttribution
{
    /// <summary>
    /// The journeys of <paramref name="accumulators"/> (made with <c>collectJourneys</c>) as a <see cref="PathSet"/>: one
    /// path per journey, a converting one with one conversion and its value, one that did not convert with one null.
    /// </summary>
    public static PathSet PathSet(IEnumerable<PathAccumulator> accumulators)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        var builder = new PathSetBuilder();
        foreach (var accumulator in accumulators)
        {
            foreach (var (touches, converted, value) in accumulator.AttributionJourneys ?? [])
                builder.Add(touches, converted ? 1 : 0, converted ? value : 0, converted ? 0 : 1);
        }

        return builder.Build();
    }
}
