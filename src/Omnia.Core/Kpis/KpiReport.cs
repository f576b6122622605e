using Omnia.Core.Attribution;
using Omnia.Core.Costs;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Kpis;

/// <summary>Channel (or campaign) KPIs per period and over the whole range, with costs joined in.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The day after the last.</param>
/// <param name="Period">The bucket.</param>
/// <param name="Level">Channels or campaigns.</param>
/// <param name="Rows">Per period, then per channel (most conversions first).</param>
/// <param name="Totals">Per channel over the whole range (reach counts each person once).</param>
/// <param name="ConversionsWithoutTouchpoint">Conversions no touchpoint led to (credited to no channel).</param>
/// <param name="RevenueWithoutTouchpoint">Their value.</param>
public sealed record KpiReport(
    DateOnly From,
    DateOnly To,
    KpiPeriod Period,
    AttributionLevel Level,
    IReadOnlyList<KpiRow> Rows,
    IReadOnlyList<KpiRow> Totals,
    long ConversionsWithoutTouchpoint,
    double RevenueWithoutTouchpoint)
{
    /// <summary>Merges the accumulators of one scan and adds <paramref name="costs"/> (rows of the same days).</summary>
    public static KpiReport Build(IReadOnlyList<KpiAccumulator> accumulators, IReadOnlyList<CostRow> costs)
    {
        ArgumentNullException.ThrowIfNull(accumulators);
        ArgumentNullException.ThrowIfNull(costs);
        var query = accumulators[0].Query;
        var cells = new Dictionary<KpiCell, KpiCounts>();
        long withoutConversions = 0;
        decimal withoutRevenue = 0;
        foreach (var accumulator in accumulators)
        {
            foreach (var (cell, counts) in accumulator.Cells)
            {
                var into = cells.GetValueOrDefault(cell);
                into.Add(in counts);
                cells[cell] = into;
            }

            withoutConversions += accumulator.WithoutTouchpoint.Conversions;
            withoutRevenue += accumulator.WithoutTouchpoint.Revenue;
        }

        var spend = new Dictionary<KpiCell, (decimal Spend, long Impressions, long Clicks)>();
        foreach (var cost in costs)
        {
            if (cost.Day < query.From || cost.Day >= query.To)
                continue;
            var channel = ChannelIds.Of(cost.Channel);
            var campaign = query.Level == AttributionLevel.Campaign ? CampaignIds.Of(cost.Campaign) : -1;
            foreach (var cell in new[] { new KpiCell(KpiPeriods.Start(cost.Day, query.Period), channel, campaign), new KpiCell(null, channel, campaign) })
            {
                var sum = spend.GetValueOrDefault(cell);
                spend[cell] = (sum.Spend + cost.Spend, sum.Impressions + cost.Impressions, sum.Clicks + cost.Clicks);
                if (!cells.ContainsKey(cell))
                    cells[cell] = default;
            }
        }

        var rows = cells.Select(c => Row(c.Key, c.Value, spend.TryGetValue(c.Key, out var s) ? s : null)).ToList();
        static IOrderedEnumerable<KpiRow> Order(IEnumerable<KpiRow> rows) => rows
            .OrderBy(r => r.Period).ThenByDescending(r => r.Conversions).ThenByDescending(r => r.Revenue)
            .ThenBy(r => r.Channel, StringComparer.Ordinal).ThenBy(r => r.Campaign ?? "", StringComparer.Ordinal);
        return new KpiReport(query.From, query.To, query.Period, query.Level,
            [.. Order(rows.Where(r => r.Period is not null))], [.. Order(rows.Where(r => r.Period is null))], withoutConversions, (double)withoutRevenue);
    }

    private static KpiRow Row(KpiCell cell, KpiCounts c, (decimal Spend, long Impressions, long Clicks)? cost) => new(
        cell.Period,
        ChannelIds.Name(cell.Channel) ?? Channels.Direct,
        cell.Campaign > 0 ? CampaignIds.Name(cell.Campaign) : null,
        c.Reach,
        c.Sent > 0 ? c.Sent : c.Delivered,
        c.Delivered,
        c.Opens,
        c.Clicks,
        cost?.Clicks ?? 0,
        cost?.Impressions ?? 0,
        c.Unsubscribes,
        c.Visits,
        c.Conversions,
        (double)c.Revenue,
        cost is { } s ? (double)s.Spend : null);
}
