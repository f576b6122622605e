using System.Globalization;
using System.Text.Json;
using Omnia.Core.Identity;

namespace Omnia.Core.Import;

/// <summary>
/// Writes one trait or property with its inferred JSON type: plain invariant numbers become numbers,
/// true/false/yes/no become booleans, everything else stays text. Values that only look numeric stay text so
/// nothing is lost: ids (<c>id</c>, <c>*_id</c>), codes and postcodes, numbers with leading zeros ("02134"),
/// and numbers with more than 15 digits. The money and count columns of events must be numbers.
/// </summary>
internal static class CsvValues
{
    private const int MaxExactDigits = 15;

    private static readonly HashSet<string> NumericProperties = new(StringComparer.Ordinal)
    {
        "revenue", "total", "price", "quantity",
    };

    /// <summary>Writes <paramref name="value"/> (trimmed, not empty); returns why it is invalid, or null.</summary>
    public static string? TryWrite(Utf8JsonWriter json, CsvColumn column, string value, CsvImportKind kind)
    {
        if (kind == CsvImportKind.Events && NumericProperties.Contains(column.Key))
        {
            if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var amount))
            {
                return $"column '{column.Header}' value '{value}' is not a number "
                    + "(use digits with '.' as the decimal point and no thousands separator, like 1234.50)";
            }

            json.WriteNumber(column.Key, amount);
            return null;
        }

        if (kind == CsvImportKind.Events && column.Key == "currency")
        {
            if (value.Length != 3 || !value.All(char.IsAsciiLetter))
            {
                return $"column '{column.Header}' value '{value}' is not a 3-letter currency code like USD or EUR";
            }

            json.WriteString(column.Key, value.ToUpperInvariant());
            return null;
        }

        WriteInferred(json, column.Key, value);
        return null;
    }

    /// <summary>The same test identity resolution applies, so an accepted address is one it will join on.</summary>
    public static bool IsValidEmail(string value) => IdentifierNormalizer.NormalizeEmail(value) is not null;

    private static void WriteInferred(Utf8JsonWriter json, string key, string value)
    {
        if (IsTextColumn(key))
        {
            json.WriteString(key, value);
        }
        else if (TryParseBoolean(value, out var flag))
        {
            json.WriteBoolean(key, flag);
        }
        else if (IsPlainNumber(value)
                 && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                     CultureInfo.InvariantCulture, out var number))
        {
            json.WriteNumber(key, number);
        }
        else
        {
            json.WriteString(key, value);
        }
    }

    private static bool IsTextColumn(string key) =>
        key == "id" || key.EndsWith("_id", StringComparison.Ordinal) || key.EndsWith("code", StringComparison.Ordinal)
        || key.Contains("zip", StringComparison.Ordinal) || key.Contains("postcode", StringComparison.Ordinal);

    private static bool TryParseBoolean(string value, out bool flag)
    {
        flag = value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return flag || value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)? with at most 15 digits: what a JSON number keeps exactly.
    private static bool IsPlainNumber(string value)
    {
        var digits = value.AsSpan(value.StartsWith('-') ? 1 : 0);
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        if (whole.Length == 0 || (whole.Length > 1 && whole[0] == '0') || (point >= 0 && fraction.Length == 0))
        {
            return false;
        }

        return whole.Length + fraction.Length <= MaxExactDigits
               && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }
}
