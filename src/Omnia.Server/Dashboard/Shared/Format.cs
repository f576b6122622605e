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

    /// <summary>A relative time a person reads at a glance: "just now", "5 min ago", "3 days ago", "in 2 h".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t)
        {
            return "never";
        }

        var span = now - t;
        string suffix = span < TimeSpan.Zero ? "from now" : "ago";
        span = span.Duration();
        return span.TotalSeconds < 45 ? "just now"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {suffix}"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h {suffix}"
            : span.TotalDays < 60 ? $"{(int)span.TotalDays} days {suffix}"
            : span.TotalDays < 730 ? $"{(int)(span.TotalDays / 30.4)} months {suffix}"
            : $"{(int)(span.TotalDays / 365.25)} years {suffix}";
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
