namespace Omnia.Core.Attribution;

/// <summary>Every requested model's credits over the same keys, side by side.</summary>
/// <param name="Level">Whether the keys are channels or campaigns.</param>
/// <param name="Keys">The credited channels (or campaigns), in order of first appearance; every credit list follows this order.</param>
/// <param name="Models">One entry per requested model, in the order requested.</param>
/// <param name="TotalConversions">Conversions over all paths.</param>
/// <param name="TotalValue">Conversion value over all paths.</param>
public sealed record AttributionReport(
    AttributionLevel Level,
    IReadOnlyList<AttributionKey> Keys,
    IReadOnlyList<ModelCredits> Models,
    double TotalConversions,
    double TotalValue)
{
    /// <summary>The credits of one model of the report.</summary>
    public ModelCredits this[AttributionModel model] =>
        Models.FirstOrDefault(m => m.Model == model) ?? throw new KeyNotFoundException($"The report has no {model.Name} model.");
}
