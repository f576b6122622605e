using System.Collections.Frozen;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Kpis;

/// <summary>What a KPI's number is.</summary>
public enum KpiUnit : byte
{
    Count,

    /// <summary>A ratio from 0 to 1 (shown as a percentage).</summary>
    Rate,

    Money,

    /// <summary>A multiple (ROAS: revenue per unit spent).</summary>
    Ratio,
}

/// <summary>One KPI: its name as APIs use it, what people read, its unit, and which channels it fits.</summary>
public sealed record KpiDefinition(string Name, string Label, KpiUnit Unit, bool HigherIsBetter, Func<string, bool> Fits, string FitsText);

/// <summary>
/// The channel KPIs, in one place: their names, units and the channels each fits (sends and opens fit our own message
/// channels, cost, CPA, ROAS and ROI the channels that cost money), and how each is read off a <see cref="KpiRow"/>.
/// </summary>
public static class KpiCatalog
{
    /// <summary>Channels we send our own messages on.</summary>
    public static IReadOnlyList<string> MessageChannels { get; } = [Channels.Email, Channels.Sms, Channels.Push, Channels.InApp];

    /// <summary>Channels that cost nothing per touch: cost-based KPIs do not fit them.</summary>
    public static IReadOnlyList<string> UnpaidChannels { get; } =
        [Channels.OrganicSearch, Channels.Social, Channels.Referral, Channels.Direct, Channels.Support, Channels.Other];

    private static bool Any(string channel) => true;

    private static bool Messages(string channel) => MessageChannels.Contains(channel);

    private static bool Openable(string channel) => channel is Channels.Email or Channels.Push or Channels.InApp;

    private static bool Paid(string channel) => !UnpaidChannels.Contains(channel);

    private static bool Clickable(string channel) => Messages(channel) || (Paid(channel) && channel is not (Channels.Store or Channels.Phone));

    /// <summary>Every KPI, in the order reports show them.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        new("reach", "Reach", KpiUnit.Count, true, Any, "every channel"),
        new("sends", "Sends", KpiUnit.Count, true, Messages, "email, sms, push and in_app"),
        new("delivered", "Delivered", KpiUnit.Count, true, Messages, "email, sms, push and in_app"),
        new("opens", "Opens", KpiUnit.Count, true, Openable, "email, push and in_app"),
        new("openRate", "Open rate", KpiUnit.Rate, true, Openable, "email, push and in_app"),
        new("clicks", "Clicks", KpiUnit.Count, true, Clickable, "message channels and paid channels"),
        new("ctr", "CTR", KpiUnit.Rate, true, Clickable, "message channels and paid channels"),
        new("unsubscribes", "Unsubscribes", KpiUnit.Count, false, Messages, "email, sms, push and in_app"),
        new("visits", "Visits", KpiUnit.Count, true, Any, "every channel"),
        new("conversions", "Conversions", KpiUnit.Count, true, Any, "every channel"),
        new("conversionRate", "Conversion rate", KpiUnit.Rate, true, Any, "every channel"),
        new("revenue", "Revenue", KpiUnit.Money, true, Any, "every channel"),
        new("cost", "Cost", KpiUnit.Money, false, Paid, "channels that cost money (not " + string.Join(", ", UnpaidChannels) + ")"),
        new("cpa", "CPA", KpiUnit.Money, false, Paid, "channels that cost money"),
        new("roas", "ROAS", KpiUnit.Ratio, true, Paid, "channels that cost money"),
        new("roi", "ROI", KpiUnit.Rate, true, Paid, "channels that cost money"),
    ];

    private static readonly FrozenDictionary<string, KpiDefinition> ByName = All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The KPI named <paramref name="name"/>, or null.</summary>
    public static KpiDefinition? Find(string? name) => name is not null && ByName.TryGetValue(name, out var kpi) ? kpi : null;

    /// <summary>A KPI's value in a row, or null when it has none (a rate of nothing, a cost not recorded).</summary>
    public static double? Value(KpiRow row, string kpi)
    {
        ArgumentNullException.ThrowIfNull(row);
        return kpi switch
        {
            "reach" => row.Reach,
            "sends" => row.Sends,
            "delivered" => row.Delivered,
            "opens" => row.Opens,
            "openRate" => row.OpenRate,
            "clicks" => row.Clicks,
            "ctr" => row.Ctr,
            "unsubscribes" => row.Unsubscribes,
            "visits" => row.Visits,
            "conversions" => row.Conversions,
            "conversionRate" => row.ConversionRate,
            "revenue" => row.Revenue,
            "cost" => row.Cost,
            "cpa" => row.Cpa,
            "roas" => row.Roas,
            "roi" => row.Roi,
            _ => throw new ArgumentException($"'{kpi}' is not a KPI.", nameof(kpi)),
        };
    }
}
