using System.Globalization;
using Omnia.Core.Kpis;

namespace Omnia.Server.Dashboard.Shared.Measurement;

/// <summary>How KPI values read on the dashboard: rates as percentages, money with two decimals, ROAS as a multiple.</summary>
public static class TargetText
{
    public static string Value(string kpi, double value) => KpiCatalog.Find(kpi)?.Unit switch
    {
        KpiUnit.Rate => value.ToString("0.#%", CultureInfo.InvariantCulture),
        KpiUnit.Money => value.ToString("#,0.00", CultureInfo.InvariantCulture),
        KpiUnit.Ratio => value.ToString("0.00", CultureInfo.InvariantCulture) + "×",
        _ => value.ToString("#,0.#", CultureInfo.InvariantCulture),
    };

    public static string Money(double? value) => value is { } v ? v.ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    public static string Credit(double value) => value.ToString("#,0.0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? value) => value is not { } d ? "—"
        : d.TotalDays >= 1 ? d.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " days"
        : d.TotalHours >= 1 ? d.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " hours"
        : Math.Max(0, d.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min";
}
