using System.Globalization;

namespace Omnia.Core.Segments;

/// <summary>
/// ISO-8601 dates as definitions, traits and properties write them: <c>2025-01-31</c>,
/// <c>2025-01-31T09:30</c>, <c>2025-01-31T09:30:00Z</c>, <c>2025-01-31T09:30:00.123+02:00</c>. A time without an
/// offset is UTC, so evaluation never depends on the server's time zone.
/// </summary>
internal static class IsoDate
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public const string Hint = "use an ISO-8601 date such as 2025-01-31 or 2025-01-31T09:00:00Z";

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary><c>2025-01-31T00:00:00Z</c>; fractions only when present, the offset kept when not UTC.</summary>
    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
