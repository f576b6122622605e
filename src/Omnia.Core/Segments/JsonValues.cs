using System.Globalization;
using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>How trait and property values read as numbers and dates during evaluation.</summary>
internal static class JsonValues
{
    /// <summary>Present and not null.</summary>
    public static bool IsPresent(EventValue value) => value.IsPresent;

    /// <summary>A JSON number, or a string holding one (CSV imports and some SDKs send numbers as text).</summary>
    public static bool TryNumber(EventValue value, out decimal number)
    {
        switch (value.Kind)
        {
            case EventValueKind.Number:
                return value.TryGetDecimal(out number);
            case EventValueKind.String:
                return decimal.TryParse(value.String, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>A string holding an ISO-8601 date (see <see cref="IsoDate"/>).</summary>
    public static bool TryDate(EventValue value, out DateTimeOffset date)
    {
        if (value.Kind == EventValueKind.String)
            return IsoDate.TryParse(value.String, out date);
        date = default;
        return false;
    }

    /// <summary>Adds without throwing: a sum past decimal's range (~7.9e28) stays at the limit.</summary>
    public static decimal AddSaturating(decimal sum, decimal value)
    {
        try
        {
            return sum + value;
        }
        catch (OverflowException)
        {
            return value > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }
}
