using Omnia.Core.Attribution;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Paths;

/// <summary>One touchpoint of a path as reports show it.</summary>
public sealed record PathTouch(string Channel, string? Campaign)
{
    /// <summary><c>email</c>, or <c>email / spring_sale</c>.</summary>
    public override string ToString() => Campaign is null ? Channel : $"{Channel} / {Campaign}";
}

/// <summary>
/// One path and what the journeys that took it add up to.
/// </summary>
/// <param name="Touches">The touchpoints, first first.</param>
/// <param name="Journeys">Journeys that took the path, converting or not.</param>
/// <param name="Conversions">Those that ended in a conversion.</param>
/// <param name="Share">Its conversions as a share of all conversions of its group (0 to 1).</param>
/// <param name="ConversionRate">Conversions / journeys.</param>
/// <param name="Revenue">The conversions' value.</param>
/// <param name="MedianTimeToConvert">From the first touchpoint to the conversion, the median over its conversions; null without conversions.</param>
public sealed record PathRow(
    IReadOnlyList<PathTouch> Touches,
    long Journeys,
    long Conversions,
    double Share,
    double ConversionRate,
    double Revenue,
    TimeSpan? MedianTimeToConvert)
{
    /// <summary>How many touchpoints the path shows.</summary>
    public int Length => Touches.Count;

    /// <summary>Journeys that took the path and did not convert.</summary>
    public long NotConverted => Journeys - Conversions;

    /// <summary>The path as text, touchpoints joined by <c> &gt; </c>.</summary>
    public string Text => string.Join(" > ", Touches);
}

/// <summary>The paths of one breakdown group (<c>all</c> without a breakdown).</summary>
/// <param name="Name">The group: a channel, persona, device, <c>member</c>/<c>not member</c>, or <c>all</c>.</param>
/// <param name="Journeys">Its journeys, converting or not.</param>
/// <param name="Conversions">Its conversions.</param>
/// <param name="WithoutTouchpoint">Conversions that no touchpoint in the lookback led to (on no path).</param>
/// <param name="Revenue">Its conversions' value.</param>
/// <param name="DistinctPaths">How many different paths its journeys took.</param>
/// <param name="TopConverting">The paths with most conversions.</param>
/// <param name="TopNotConverting">The paths most journeys took without converting.</param>
public sealed record PathGroup(
    string Name,
    long Journeys,
    long Conversions,
    long WithoutTouchpoint,
    double Revenue,
    int DistinctPaths,
    IReadOnlyList<PathRow> TopConverting,
    IReadOnlyList<PathRow> TopNotConverting);

/// <summary>The top buyer journeys of a goal over a period, per breakdown group.</summary>
public sealed record PathReport(
    string Goal,
    DateTimeOffset From,
    DateTimeOffset To,
    AttributionLevel Level,
    bool CollapseRepeats,
    PathBreakdown Breakdown,
    IReadOnlyList<PathGroup> Groups)
{
    /// <summary>Journeys over all groups.</summary>
    public long Journeys => Groups.Sum(g => g.Journeys);

    /// <summary>Conversions over all groups.</summary>
    public long Conversions => Groups.Sum(g => g.Conversions);

    /// <summary>Conversion value over all groups.</summary>
    public double Revenue => Groups.Sum(g => g.Revenue);

    /// <summary>Merges the accumulators of one scan into the report: the top <see cref="PathQuery.Top"/> paths per group.</summary>
    public static PathReport Build(string goal, IReadOnlyList<PathAccumulator> accumulators)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        var query = accumulators[0].Query;
        var merged = new Dictionary<long[], PathStats>(PathKeyComparer.Instance);
        foreach (var accumulator in accumulators)
        {
            foreach (var (key, stats) in accumulator.Paths)
            {
                if (merged.TryGetValue(key, out var into))
                    into.Merge(stats);
                else
                    merged[key] = Copy(stats);
            }
        }

        var groups = new List<PathGroup>();
        foreach (var byGroup in merged.GroupBy(p => p.Key[0]))
        {
            var name = accumulators.Select(a => a.GroupName(byGroup.Key)).FirstOrDefault(n => n is not null) ?? "none";
            var conversions = byGroup.Sum(p => p.Value.Conversions);
            var rows = byGroup.Where(p => p.Key.Length > 1).Select(p => Row(p.Key, p.Value, conversions, query.Level)).ToList();
            var empty = byGroup.Where(p => p.Key.Length == 1).Sum(p => p.Value.Conversions);
            groups.Add(new PathGroup(
                name,
                byGroup.Sum(p => p.Value.Journeys),
                conversions,
                empty,
                (double)byGroup.Sum(p => p.Value.Revenue),
                rows.Count,
                [.. rows.Where(r => r.Conversions > 0).OrderByDescending(r => r.Conversions).ThenByDescending(r => r.Revenue)
                    .ThenBy(r => r.Text, StringComparer.Ordinal).Take(query.Top)],
                [.. rows.Where(r => r.NotConverted > 0).OrderByDescending(r => r.NotConverted).ThenBy(r => r.Text, StringComparer.Ordinal).Take(query.Top)]));
        }

        return new PathReport(goal, query.From, query.To, query.Level, query.CollapseRepeats, query.Breakdown,
            [.. groups.OrderByDescending(g => g.Conversions).ThenBy(g => g.Name, StringComparer.Ordinal)]);
    }

    private static PathStats Copy(PathStats stats)
    {
        var copy = new PathStats();
        copy.Merge(stats);
        return copy;
    }

    private static PathRow Row(long[] key, PathStats stats, long groupConversions, AttributionLevel level)
    {
        var touches = new PathTouch[key.Length - 1];
        for (var i = 1; i < key.Length; i++)
        {
            var part = key[i];
            touches[i - 1] = level == AttributionLevel.Campaign
                ? new PathTouch(ChannelIds.Name((ushort)(part >> 32)) ?? Channels.Direct, CampaignIds.Name((int)(part & 0xFFFFFFFF)))
                : new PathTouch(ChannelIds.Name((ushort)part) ?? Channels.Direct, null);
        }

        return new PathRow(
            touches,
            stats.Journeys,
            stats.Conversions,
            groupConversions == 0 ? 0 : (double)stats.Conversions / groupConversions,
            stats.Journeys == 0 ? 0 : (double)stats.Conversions / stats.Journeys,
            (double)stats.Revenue,
            Median(stats.DurationTicks));
    }

    /// <summary>The median of durations (the mean of the two middle ones for an even count), or null for none.</summary>
    internal static TimeSpan? Median(List<long>? ticks)
    {
        if (ticks is not { Count: > 0 })
            return null;
        ticks.Sort();
        var middle = ticks.Count / 2;
        return TimeSpan.FromTicks(ticks.Count % 2 == 1 ? ticks[middle] : (ticks[middle - 1] + ticks[middle]) / 2);
    }
}
