using System.Globalization;
using System.Text.Json;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How the dashboard writes numbers, money, times and JSON values for people.</summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Number(long value) => value.ToString("#,0", Culture);

    public static string Money(decimal value, string currency = "USD") =>
        currency == "USD" ? "$" + value.ToString("#,0.00", Culture) : value.ToString("#,0.00", Culture) + " " + currency;

    public static string Percent(double share) => share.ToString("0%", Culture);

    /// <summary>An absolute time in UTC, e.g. "3 Nov 2026, 14:05 UTC".</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", Culture) : "—";

    public static string Date(DateTimeOffset? at) => at is { } t ? t.ToUniversalTime().ToString("d MMM yyyy", Culture) : "—";

    /// <summary>The ISO 8601 form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Culture);

    /// <summary>A relative time a person reads at a glance: "just now", "1 min ago", "3 days ago", "1 day ago", "in 2 h".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t)
        {
            return "never";
        }

        var span = now - t;
        bool future = span < TimeSpan.Zero;
        span = span.Duration();
        if (span.TotalSeconds < 45)
        {
            return "just now";
        }

        // Whole units, at least one: 50 seconds is "1 min", not "0 min".
        string amount = span.TotalMinutes < 60 ? Count(span.TotalMinutes, "min", "min")
            : span.TotalHours < 24 ? Count(span.TotalHours, "h", "h")
            : span.TotalDays < 60 ? Count(span.TotalDays, "day", "days")
            : span.TotalDays < 730 ? Count(span.TotalDays / 30.4, "month", "months")
            : Count(span.TotalDays / 365.25, "year", "years");
        return future ? $"in {amount}" : $"{amount} ago";

        static string Count(double units, string one, string many)
        {
            int n = Math.Max(1, (int)units);
            return $"{n.ToString(Culture)} {(n == 1 ? one : many)}";
        }
    }

    /// <summary>A trait or property value as text: strings as they are, everything else as compact JSON.</summary>
    public static string Json(Omnia.Core.Events.EventValue value) => value.Kind switch
    {
        Omnia.Core.Events.EventValueKind.String => value.String!,
        Omnia.Core.Events.EventValueKind.Null or Omnia.Core.Events.EventValueKind.Undefined => "—",
        _ => value.ToJson(),
    };

    /// <summary>A JSON value as text: strings as they are, everything else as compact JSON.</summary>
    public static string Json(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        _ => value.GetRawText(),
    };

    /// <summary>"userId" → "User id", "first_name" → "First name": trait and identifier keys as labels.</summary>
    public static string Label(string key)
    {
        if (key.Length == 0)
        {
            return key;
        }

        var chars = new List<char>(key.Length + 4);
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (c is '_' or '-' or '.')
            {
                chars.Add(' ');
            }
            else if (char.IsUpper(c) && i > 0 && char.IsLower(key[i - 1]))
            {
                chars.Add(' ');
                chars.Add(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Add(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return new string([.. chars]);
    }
}
