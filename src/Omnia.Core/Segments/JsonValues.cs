using System.Globalization;
using System.Text.Json;

namespace Omnia.Core.Segments;

/// <summary>How trait and property values read as numbers and dates during evaluation.</summary>
internal static class JsonValues
{
    /// <summary>Present and not null.</summary>
    public static bool IsPresent(JsonElement value) => value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    /// <summary>A JSON number, or a string holding one (CSV imports and some SDKs send numbers as text).</summary>
    public static bool TryNumber(JsonElement value, out decimal number)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out number);
            case JsonValueKind.String:
                return decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>A string holding an ISO-8601 date (see <see cref="IsoDate"/>).</summary>
    public static bool TryDate(JsonElement value, out DateTimeOffset date)
    {
        if (value.ValueKind == JsonValueKind.String)
            return IsoDate.TryParse(value.GetString(), out date);
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
