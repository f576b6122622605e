using System.Globalization;

namespace Omnia.Cli.Commands;

/// <summary>How the measurement commands write numbers in tables (invariant culture, as the API's JSON).</summary>
internal static class TableFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Credit(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Money(double? value) => value is { } v ? v.ToString("N2", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "–";

    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Duration(TimeSpan? value) => value is not { } d ? "–"
        : d.TotalDays >= 1 ? d.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " d"
        : d.TotalHours >= 1 ? d.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h"
        : Math.Max(0, d.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min";
}
