namespace Omnia.Core.Attribution;

/// <summary>What lies behind a Markov model's credits, per key in <see cref="AttributionReport.Keys"/> order.</summary>
/// <param name="Order">The chain's order.</param>
/// <param name="ConversionProbability">P(conversion) of a journey from (start), solved exactly. It equals
/// conversions / (conversions + nulls) at order 1 up to rounding.</param>
/// <param name="ExpectedValue">The expected converted value of a journey from (start).</param>
/// <param name="RemovalEffectConversion">1 − P(conversion | key removed) / P(conversion): the share of conversions
/// lost if the key's touches turned journeys away.</param>
/// <param name="RemovalEffectValue">The same for the expected converted value.</param>
/// <param name="States">Transient states of the chain.</param>
/// <param name="Transitions">The transition matrix, row by row, starting with (start)'s row.</param>
public sealed record MarkovDetails(
    int Order,
    double ConversionProbability,
    double ExpectedValue,
    IReadOnlyList<double> RemovalEffectConversion,
    IReadOnlyList<double> RemovalEffectValue,
    int States,
    IReadOnlyList<MarkovTransition> Transitions);
