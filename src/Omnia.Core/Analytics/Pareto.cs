namespace Omnia.Core.Analytics;

/// <summary>One item of a Pareto ranking.</summary>
/// <param name="Key">What is ranked: a channel, campaign, path or piece of content.</param>
/// <param name="Value">Its contribution (conversions or revenue).</param>
/// <param name="Share">Its share of the total (0 to 1).</param>
/// <param name="Cumulative">The share of it and every item ranked above it.</param>
/// <param name="InCore">Whether it belongs to the smallest set that reaches the threshold.</param>
public sealed record ParetoItem(string Key, double Value, double Share, double Cumulative, bool InCore);

/// <summary>Items ranked by contribution, with the smallest set that brings <see cref="Threshold"/> of the total.</summary>
/// <param name="Items">Highest contribution first (ties by key).</param>
/// <param name="CoreCount">How many items the smallest set holds.</param>
/// <param name="Threshold">The share the set reaches (0.8 by default).</param>
/// <param name="Total">The sum of every item's contribution.</param>
public sealed record ParetoResult(IReadOnlyList<ParetoItem> Items, int CoreCount, double Threshold, double Total)
{
    /// <summary>The share of the items that bring the threshold (e.g. 0.2 when 2 of 10 channels bring 80 %).</summary>
    public double CoreShareOfItems => Items.Count == 0 ? 0 : (double)CoreCount / Items.Count;

    /// <summary>The cumulative share the core set actually reaches.</summary>
    public double CoreCumulative => CoreCount == 0 ? 0 : Items[CoreCount - 1].Cumulative;
}

/// <summary>
/// Ranks items by their contribution and names the smallest set that brings a share of the total (the 80/20 rule):
/// the top items, taken in order until their cumulative share first reaches the threshold. Items with no
/// contribution (0 or less) are ranked last and never part of the set.
/// </summary>
public static class Pareto
{
    /// <summary>The ranking of <paramref name="items"/> against <paramref name="threshold"/> (0 to 1).</summary>
    public static ParetoResult Rank(IEnumerable<(string Key, double Value)> items, double threshold = 0.8)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        var ordered = items.Select(i => (i.Key, Value: double.IsFinite(i.Value) && i.Value > 0 ? i.Value : 0))
            .OrderByDescending(i => i.Value).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
        var total = ordered.Sum(i => i.Value);
        var ranked = new List<ParetoItem>(ordered.Count);
        double cumulative = 0;
        var core = 0;
        var reached = total == 0;
        foreach (var (key, value) in ordered)
        {
            cumulative += value;
            var share = total == 0 ? 0 : value / total;
            var upTo = total == 0 ? 0 : Math.Min(1, cumulative / total);
            var inCore = !reached && value > 0;
            if (inCore)
            {
                core++;
                // Rounding must not keep an item out that exactly reaches the threshold.
                reached = upTo >= threshold - 1e-12;
            }

            ranked.Add(new ParetoItem(key, value, share, upTo, inCore));
        }

        return new ParetoResult(ranked, core, threshold, total);
    }
}
