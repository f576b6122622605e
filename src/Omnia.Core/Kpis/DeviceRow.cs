namespace Omnia.Core.Kpis;

/// <summary>What one kind of device brought over a period.</summary>
/// <param name="Device">desktop, mobile, tablet, app or unknown.</param>
/// <param name="People">People with at least one visit on it.</param>
/// <param name="Visits">Visits on it (web and app visits, whatever brought them).</param>
/// <param name="Conversions">Conversions made on it (a server-reported conversion counts for the device of the visit it followed).</param>
/// <param name="Revenue">Their value.</param>
public sealed record DeviceRow(string Device, long People, long Visits, long Conversions, double Revenue)
{
    /// <summary>Conversions / visits.</summary>
    public double? ConversionRate => Visits > 0 ? (double)Conversions / Visits : null;
}
