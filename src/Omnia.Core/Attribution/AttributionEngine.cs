namespace Omnia.Core.Attribution;

/// <summary>
/// Runs attribution models over a <see cref="PathSet"/>: every model sees the same paths and credits the same keys,
/// in conversions and in value. Pure and deterministic: the same paths and options give the same bits.
/// Models run in parallel (one per core); each Markov chain is built once and shared with Shapley.
/// </summary>
public static class AttributionEngine
{
    /// <summary>Credits every key under each of <paramref name="models"/>. docs/attribution.md defines the models.</summary>
    public static AttributionReport Run(PathSet paths, IEnumerable<AttributionModel> models, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= AttributionOptions.Default;
        var requested = models.Distinct().ToArray();
        var (touchKeys, keys) = paths.KeysFor(options.Level);
        var orders = requested.Where(m => m.Kind == AttributionModelKind.Markov).Select(m => m.Order)
            .Concat(requested.Any(m => m.Kind == AttributionModelKind.Shapley) ? new[] { 1 } : [])
            .Distinct().ToArray();

        // Chains first (order 3 dominates), then the models that use them.
        var chains = new MarkovChain[orders.Length];
        InParallel(orders.Length, i => chains[i] = MarkovChain.Build(paths, touchKeys, keys.Length, orders[i]));
        MarkovChain ChainOf(int order) => chains[Array.IndexOf(orders, order)];

        var credits = new ModelCredits[requested.Length];
        var work = Enumerable.Range(0, requested.Length)
            .OrderByDescending(i => requested[i].Kind is AttributionModelKind.Markov ? requested[i].Order + 1 : requested[i].Kind is AttributionModelKind.Shapley ? 1 : 0)
            .ToArray();
        InParallel(work.Length, w =>
        {
            var model = requested[work[w]];
            credits[work[w]] = model.Kind switch
            {
                AttributionModelKind.Markov => MarkovAttribution.Run(model, ChainOf(model.Order), paths, keys),
                AttributionModelKind.Shapley => ShapleyAttribution.Run(model, ChainOf(1), paths, keys.Length, options),
                _ => HeuristicAttribution.Run(model, paths, touchKeys, keys.Length, options),
            };
        });

        return new AttributionReport(options.Level, keys, credits, paths.TotalConversions, paths.TotalValue);
    }

    /// <summary>Runs the bodies on the thread pool and rethrows the first failure as itself, not wrapped.</summary>
    private static void InParallel(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
