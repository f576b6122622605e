using System.Runtime.CompilerServices;

namespace Omnia.Core.Attribution;

/// <summary>The rule-based models: each path's conversions and value are split over its touches by fixed rules.</summary>
internal static class HeuristicAttribution
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ModelCredits Run(AttributionModel model, PathSet paths, int[] touchKeys, int keyCount, AttributionOptions options)
    {
        var conversions = new double[keyCount];
        var values = new double[keyCount];
        var start = paths.PathStart;
        double[] pathConversions = paths.Conversions, pathValues = paths.Values;
        switch (model.Kind)
        {
            case AttributionModelKind.FirstTouch:
                for (int p = 0; p < paths.Count; p++)
                {
                    int key = touchKeys[start[p]];
                    conversions[key] += pathConversions[p];
                    values[key] += pathValues[p];
                }

                break;
            case AttributionModelKind.LastTouch:
                for (int p = 0; p < paths.Count; p++)
                {
                    int key = touchKeys[start[p + 1] - 1];
                    conversions[key] += pathConversions[p];
                    values[key] += pathValues[p];
                }

                break;
            case AttributionModelKind.LastNonDirect:
                LastNonDirect(paths, touchKeys, DirectChannels(paths, options.DirectChannel), conversions, values);
                break;
            case AttributionModelKind.Linear:
                for (int p = 0; p < paths.Count; p++)
                {
                    int length = start[p + 1] - start[p];
                    double c = pathConversions[p] / length, v = pathValues[p] / length;
                    for (int t = start[p]; t < start[p + 1]; t++)
                    {
                        conversions[touchKeys[t]] += c;
                        values[touchKeys[t]] += v;
                    }
                }

                break;
            default:
                Shared(model.Kind, paths, touchKeys, options, conversions, values);
                break;
        }

        return new ModelCredits(model, conversions, values);
    }

    private static bool[] DirectChannels(PathSet paths, string direct)
    {
        var isDirect = new bool[paths.Channels.Count];
        for (int c = 0; c < isDirect.Length; c++)
        {
            isDirect[c] = string.Equals(paths.Channels[c], direct, StringComparison.OrdinalIgnoreCase);
        }

        return isDirect;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LastNonDirect(PathSet paths, int[] touchKeys, bool[] isDirect, double[] conversions, double[] values)
    {
        var start = paths.PathStart;
        for (int p = 0; p < paths.Count; p++)
        {
            int chosen = start[p + 1] - 1;
            for (int t = chosen; t >= start[p]; t--)
            {
                if (!isDirect[paths.TouchChannels[t]])
                {
                    chosen = t;
                    break;
                }
            }

            conversions[touchKeys[chosen]] += paths.Conversions[p];
            values[touchKeys[chosen]] += paths.Values[p];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shared(AttributionModelKind kind, PathSet paths, int[] touchKeys, AttributionOptions options, double[] conversions, double[] values)
    {
        var start = paths.PathStart;
        double halfLife = options.TimeDecayHalfLife.Ticks > 0
            ? options.TimeDecayHalfLife.Ticks
            : throw new ArgumentException("The time decay half-life must be positive.", nameof(options));
        var shares = new double[16];
        for (int p = 0; p < paths.Count; p++)
        {
            int from = start[p], length = start[p + 1] - from;
            if (shares.Length < length)
            {
                shares = new double[Math.Max(length, shares.Length * 2)];
            }

            switch (kind)
            {
                case AttributionModelKind.TimeDecay:
                    TouchShares.TimeDecay(paths.TouchTicks is { } ticks ? ticks.AsSpan(from, length) : default, length, halfLife, shares);
                    break;
                case AttributionModelKind.PositionBased:
                    TouchShares.PositionBased(length, shares);
                    break;
                case AttributionModelKind.WShaped:
                    TouchShares.WShaped(paths.TouchMilestones is { } milestones ? milestones.AsSpan(from, length) : default, length, shares);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a rule-based model.");
            }

            for (int i = 0; i < length; i++)
            {
                conversions[touchKeys[from + i]] += paths.Conversions[p] * shares[i];
                values[touchKeys[from + i]] += paths.Values[p] * shares[i];
            }
        }
    }
}
