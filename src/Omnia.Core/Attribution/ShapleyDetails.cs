namespace Omnia.Core.Attribution;

/// <summary>
/// What lies behind the Shapley credits. The players are the keys that occur on a path with conversions or nulls;
/// the others are null players (zero credit, zero marginal contributions).
/// </summary>
/// <param name="Exact">True when every coalition was evaluated; false when the values are estimated from sampled orders.</param>
/// <param name="Players">The number of players.</param>
/// <param name="Permutations">Orders sampled (0 when exact).</param>
/// <param name="MarginalConversions">[key][s]: the key's average marginal contribution, in conversions, when it joins a
/// coalition of s other players (s = 0 … Players − 1). The Shapley credit is the mean of the row; the last entry is
/// the order-1 Markov removal effect × total conversions. NaN where sampling never put the key at that position.</param>
/// <param name="MarginalValue">The same in conversion value.</param>
/// <param name="StandardErrorConversions">Standard error of each credit from sampling (0 when exact).</param>
/// <param name="StandardErrorValue">The same for the value credits.</param>
public sealed record ShapleyDetails(
    bool Exact,
    int Players,
    int Permutations,
    IReadOnlyList<IReadOnlyList<double>> MarginalConversions,
    IReadOnlyList<IReadOnlyList<double>> MarginalValue,
    IReadOnlyList<double> StandardErrorConversions,
    IReadOnlyList<double> StandardErrorValue);
