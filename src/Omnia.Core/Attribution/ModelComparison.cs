namespace Omnia.Core.Attribution;

/// <summary>One model's credit to one key, with what it cost per conversion and returned per unit spent.</summary>
/// <param name="Model">The model's name (<c>first_touch</c>, <c>markov_o2</c>, …).</param>
/// <param name="Conversions">Conversions credited.</param>
/// <param name="Revenue">Conversion value credited.</param>
/// <param name="Cpa">Cost / conversions; null without cost or conversions.</param>
/// <param name="Roas">Revenue / cost; null without cost.</param>
public sealed record ModelCredit(string Model, double Conversions, double Revenue, double? Cpa, double? Roas);

/// <summary>Every model's credit to one channel (or campaign), side by side, with its cost and data-driven details.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Campaign">The campaign, at campaign level (null: the channel's touches without a campaign, or channel level).</param>
/// <param name="Cost">What it cost over the period (null when no cost is recorded for it).</param>
/// <param name="Models">One credit per model, in the order asked for.</param>
/// <param name="RemovalEffects">Markov order → removal effect (conversions), 0 to 1.</param>
/// <param name="ShapleyMarginals">The average marginal contribution in conversions when joining a coalition of s other keys (s = 0…), from Shapley.</param>
public sealed record ComparisonRow(
    string Channel,
    string? Campaign,
    double? Cost,
    IReadOnlyList<ModelCredit> Models,
    IReadOnlyDictionary<int, double> RemovalEffects,
    IReadOnlyList<double>? ShapleyMarginals);

/// <summary>
/// Every attribution model over the same journeys, per channel or campaign, in conversions and revenue, with CPA and
/// ROAS where costs exist, and the removal effects and marginal contributions behind the data-driven models.
/// </summary>
public sealed record ModelComparison(
    AttributionLevel Level,
    IReadOnlyList<string> Models,
    double TotalConversions,
    double TotalRevenue,
    double? TotalCost,
    long Journeys,
    IReadOnlyList<ComparisonRow> Rows,
    bool ShapleyExact)
{
    /// <summary>
    /// Runs <paramref name="models"/> over <paramref name="paths"/> and joins the costs: <paramref name="costs"/> maps a
    /// key to its spend (at campaign level a key without campaign holds the channel's spend not tied to a campaign).
    /// Rows come in order of the first model's conversions, then by key.
    /// </summary>
    /// <param name="journeys">How many journeys the paths stand for (default: <see cref="PathSet.Journeys"/>).</param>
    public static ModelComparison Build(
        PathSet paths, IReadOnlyList<AttributionModel> models, AttributionOptions options, IReadOnlyDictionary<AttributionKey, double> costs, long? journeys = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(costs);
        var report = paths.Count > 0
            ? AttributionEngine.Run(paths, models, options)
            : new AttributionReport(options.Level, [], [.. models.Select(m => new ModelCredits(m, [], []))], 0, 0);
        var keys = report.Keys.ToList();
        // Keys with costs but on no path still show, with no credit (spend that brought nothing is worth seeing).
        foreach (var key in costs.Keys.Where(k => !keys.Contains(k)).OrderBy(k => k.ToString(), StringComparer.Ordinal))
            keys.Add(key);
        var rows = new List<ComparisonRow>();
        for (var k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            double? cost = costs.TryGetValue(key, out var spend) ? spend : null;
            var credits = new List<ModelCredit>();
            var removal = new SortedDictionary<int, double>();
            IReadOnlyList<double>? marginals = null;
            foreach (var m in report.Models)
            {
                var onPath = k < report.Keys.Count;
                var conversions = onPath ? m.Conversions[k] : 0;
                var revenue = onPath ? m.Value[k] : 0;
                credits.Add(new ModelCredit(m.Model.Name, conversions, revenue,
                    cost is { } c && conversions > 0 ? c / conversions : null,
                    cost is { } c2 && c2 > 0 ? revenue / c2 : null));
                if (onPath && m.Markov is { } markov)
                    removal[markov.Order] = markov.RemovalEffectConversion[k];
                if (onPath && m.Shapley is { } shapley)
                    marginals = shapley.MarginalConversions[k];
            }

            rows.Add(new ComparisonRow(key.Channel, key.Campaign, cost, credits, removal, marginals));
        }

        var ordered = rows.OrderByDescending(r => r.Models.Count > 0 ? r.Models[0].Conversions : 0)
            .ThenBy(r => r.Channel, StringComparer.Ordinal).ThenBy(r => r.Campaign ?? "", StringComparer.Ordinal).ToList();
        var shapleyExact = report.Models.FirstOrDefault(m => m.Shapley is not null)?.Shapley?.Exact ?? true;
        return new ModelComparison(report.Level, [.. models.Select(m => m.Name)], report.TotalConversions, report.TotalValue,
            costs.Count == 0 ? null : costs.Values.Sum(), journeys ?? paths.Journeys, ordered, shapleyExact);
    }
}
