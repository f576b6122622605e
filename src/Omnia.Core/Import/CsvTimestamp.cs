using System.Globalization;

namespace Omnia.Core.Import;

/// <summary>
/// Reads the date formats exports use: ISO-8601 (with or without offset), <c>yyyy-MM-dd</c>,
/// <c>yyyy-MM-dd HH:mm:ss</c>, US <c>MM/dd/yyyy</c> (optionally with a time), unix seconds (9–10 digits) and
/// unix milliseconds (12–13 digits). A time without an offset is taken as UTC.
/// </summary>
internal static class CsvTimestamp
{
    public const string Example = "use ISO-8601 like 2024-03-31T12:00:00Z";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
        "M/d/yyyy",
        "M/d/yyyy H:mm",
        "M/d/yyyy H:mm:ss",
        "M/d/yyyy h:mm tt",
        "M/d/yyyy h:mm:ss tt",
    ];

    public static bool TryParse(string text, out DateTimeOffset timestamp)
    {
        if (text.All(char.IsAsciiDigit))
        {
            return TryParseUnix(text, out timestamp);
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);
    }

    /// <summary>ISO-8601 in UTC with milliseconds, as Segment libraries send it.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // Only lengths that are unambiguous for dates since 1973 (so 20240331 is not read as a 1970 instant).
    private static bool TryParseUnix(string digits, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        switch (digits.Length)
        {
            case 9 or 10:
                timestamp = DateTimeOffset.FromUnixTimeSeconds(value);
                return true;
            case 12 or 13:
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(value);
                return true;
            default:
                return false;
        }
    }
}
