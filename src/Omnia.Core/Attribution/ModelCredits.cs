namespace Omnia.Core.Attribution;

/// <summary>One model's credits, per key in <see cref="AttributionReport.Keys"/> order.</summary>
/// <param name="Model">The model.</param>
/// <param name="Conversions">Conversions credited to each key; they sum to the total conversions.</param>
/// <param name="Value">Conversion value credited to each key; they sum to the total value (Markov and Shapley
/// credit only value that came with conversions).</param>
/// <param name="Markov">Removal effects and transitions, for a Markov model.</param>
/// <param name="Shapley">Marginal contributions, for the Shapley model.</param>
public sealed record ModelCredits(
    AttributionModel Model,
    IReadOnlyList<double> Conversions,
    IReadOnlyList<double> Value,
    MarkovDetails? Markov = null,
    ShapleyDetails? Shapley = null);
