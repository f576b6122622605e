using System.Globalization;
using Omnia.Core.Segments;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How the profile page writes the computed traits beyond the basics: built-in ones first, in a fixed order, then the workspace's own.</summary>
public static class ComputedTraitText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private static readonly string[] RfmScores = [ComputedTraits.RfmRecency, ComputedTraits.RfmFrequency, ComputedTraits.RfmMonetary];

    private static readonly string[] Order =
    [
        ComputedTraits.PreferredChannel, ComputedTraits.DaysSinceLastSeen, ComputedTraits.DaysSinceLastPurchase,
        ComputedTraits.AverageOrderValue, ComputedTraits.RfmSegment, .. RfmScores,
    ];

    /// <summary>The traits to list, in order, with the three RFM scores left to <see cref="Rfm"/>.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Listed(IDictionary<string, object?>? more) =>
        more is null
            ? []
            : more.Where(t => !RfmScores.Contains(t.Key, StringComparer.Ordinal))
                .OrderBy(t => Array.IndexOf(Order, t.Key) is var i and >= 0 ? i : Order.Length)
                .ThenBy(t => t.Key, StringComparer.Ordinal);

    public static string Label(string name) => name switch
    {
        ComputedTraits.PreferredChannel => "Preferred channel",
        ComputedTraits.DaysSinceLastSeen => "Days since last seen",
        ComputedTraits.DaysSinceLastPurchase => "Days since last purchase",
        ComputedTraits.AverageOrderValue => "Average order value",
        ComputedTraits.RfmSegment => "RFM segment",
        _ => Format.Label(name),
    };

    /// <summary>A value for people: days as days, money as money, RFM segment names as words, none as "—".</summary>
    public static string Value(string name, object? value) => (name, value) switch
    {
        (_, null) => "—",
        (ComputedTraits.DaysSinceLastSeen or ComputedTraits.DaysSinceLastPurchase, decimal days) => days == 1 ? "1 day" : $"{days.ToString("#,0", Culture)} days",
        (ComputedTraits.AverageOrderValue, decimal money) => Format.Money(money),
        (ComputedTraits.RfmSegment, string segment) => segment == RfmSegments.CantLoseThem ? "Can't lose them" : Format.Label(segment),
        (_, decimal number) => number.ToString("#,0.##", Culture),
        (_, DateTimeOffset at) => Format.When(at),
        (_, bool flag) => flag ? "Yes" : "No",
        (_, string text) => text,
        _ => Convert.ToString(value, Culture) ?? "—",
    };

    /// <summary>"R 4 · F 2 · M 3" (scores 1–5), or null for someone who never ordered.</summary>
    public static string? Rfm(IDictionary<string, object?>? more) =>
        more is not null && RfmScores.All(s => more.TryGetValue(s, out var v) && v is decimal)
            ? string.Join(" · ", RfmScores.Select(s => $"{char.ToUpperInvariant(s[3])} {((decimal)more[s]!).ToString("0", Culture)}"))
            : null;
}
