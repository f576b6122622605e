namespace Omnia.Core.Attribution;

/// <summary>
/// ChannelAttribution's Markov model, solved exactly. The removal effect of a key is
/// RE = 1 − P(conversion | key removed) / P(conversion), where removing a key sends every journey that reaches a
/// state containing it to (null); conversions are credited as total × RE / ΣRE. Value uses the same rule with the
/// expected converted value in place of P(conversion) (each conversion worth the mean value per conversion of the
/// paths that end in the state it converts from), as the package's value simulation estimates.
/// </summary>
internal static class MarkovAttribution
{
    public static ModelCredits Run(AttributionModel model, MarkovChain chain, PathSet paths, AttributionKey[] keys)
    {
        int keyCount = keys.Length;
        var conversion = new double[chain.States];
        var value = new double[chain.States];
        var (baseConversion, baseValue) = ChainSolver.Solve(chain, conversion, value);
        var removalConversion = new double[keyCount];
        var removalValue = new double[keyCount];

        // One removal per key, independent of each other, so they share the cores.
        Parallel.For(0, keyCount, () => new ChainSolver.Workspace(chain.States), (k, _, work) =>
        {
            if (chain.KeyRows[k].Length > 0)
            {
                var (c, v) = ChainSolver.SolveWithout(chain, chain.KeyRows[k], conversion, value, work);
                // Removal never raises P(conversion); a difference in the last bit must not become a negative credit.
                removalConversion[k] = baseConversion > 0 ? Math.Max(0, 1 - c / baseConversion) : 0;
                removalValue[k] = baseValue > 0 ? Math.Max(0, 1 - v / baseValue) : 0;
            }

            return work;
        }, _ => { });

        var details = new MarkovDetails(
            chain.Order, baseConversion, baseValue, removalConversion, removalValue, chain.States, Transitions(chain, keys));
        return new ModelCredits(
            model, Shares(removalConversion, paths.TotalConversions), Shares(removalValue, paths.TotalValue), details, null);
    }

    /// <summary>total × weight / Σweight; all zero when the weights are.</summary>
    internal static double[] Shares(double[] weights, double total)
    {
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w;
        }

        var shares = new double[weights.Length];
        if (sum > 0)
        {
            for (int k = 0; k < weights.Length; k++)
            {
                shares[k] = total * (weights[k] / sum);
            }
        }

        return shares;
    }

    private static List<MarkovTransition> Transitions(MarkovChain chain, AttributionKey[] keys)
    {
        var names = new string[chain.States];
        for (int s = 0; s < chain.States; s++)
        {
            names[s] = string.Join(" > ", chain.Window(s).Select(k => keys[k].ToString()));
        }

        var transitions = new List<MarkovTransition>(chain.StartStates.Length + chain.Columns.Length + 2 * chain.States);
        for (int i = 0; i < chain.StartStates.Length; i++)
        {
            transitions.Add(new MarkovTransition(MarkovTransition.Start, names[chain.StartStates[i]], chain.StartProbabilities[i]));
        }

        for (int s = 0; s < chain.States; s++)
        {
            for (int e = chain.RowStart[s]; e < chain.RowStart[s + 1]; e++)
            {
                transitions.Add(new MarkovTransition(names[s], names[chain.Columns[e]], chain.Probabilities[e]));
            }

            if (chain.ConversionReward[s] > 0)
            {
                transitions.Add(new MarkovTransition(names[s], MarkovTransition.Conversion, chain.ConversionReward[s]));
            }

            if (chain.NullProbability[s] > 0)
            {
                transitions.Add(new MarkovTransition(names[s], MarkovTransition.Null, chain.NullProbability[s]));
            }
        }

        return transitions;
    }
}
