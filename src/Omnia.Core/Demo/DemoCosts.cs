using Omnia.Core.Costs;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Demo;

/// <summary>
/// Realistic costs for the demo brand's paid channels, derived from the visits each paid campaign brought on each day.
/// The demo plays its customers and known visitors only, while most ad clicks come from people who never come back,
/// so ad clicks are a few times the visits the demo records; impressions follow from a click-through rate usual for the
/// channel, spend from a cost per click (or per thousand impressions for display and video) usual for the campaign,
/// with a deterministic day-to-day wobble. The result is a return on ad spend of a few times, as real accounts see.
/// SMS sends cost a fixed price per message.
/// </summary>
public static class DemoCosts
{
    private sealed record Pricing(double ClickRatio, double Ctr, double CostPerClick, double CostPerMille);

    private static readonly Dictionary<string, Pricing> ByChannel = new(StringComparer.Ordinal)
    {
        [Channels.PaidSearch] = new(3.5, 0.045, 1.5, 0),
        [Channels.PaidSocial] = new(5, 0.011, 0.95, 0),
        [Channels.Display] = new(6, 0.0035, 0, 6.5),
        [Channels.Affiliate] = new(2.5, 0.02, 0.8, 0),
        [Channels.Video] = new(6, 0.008, 0, 12),
    };

    /// <summary>Cost per click by search campaign: brand terms are cheap, generic ones dear.</summary>
    private static readonly Dictionary<string, double> SearchCpc = new(StringComparer.Ordinal)
    {
        ["brand_search"] = 0.9,
        ["generic_jackets"] = 2.4,
        ["hiking_boots"] = 2.0,
        ["spring_sale"] = 1.6,
    };

    /// <summary>What one SMS costs to send.</summary>
    public const decimal SmsPrice = 0.0083m;

    /// <summary>The channels the demo pays for.</summary>
    public static IReadOnlyList<string> PaidChannels { get; } = [.. ByChannel.Keys, Channels.Sms];

    /// <summary>
    /// Cost rows from visits per day, channel and campaign (paid channels only; others are skipped) and SMS sends per
    /// day and campaign.
    /// </summary>
    public static IReadOnlyList<CostRow> From(IEnumerable<(DateOnly Day, string Channel, string? Campaign, long Visits)> visits, IEnumerable<(DateOnly Day, string? Campaign, long Sends)> smsSends)
    {
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(smsSends);
        var rows = new List<CostRow>();
        foreach (var (day, channel, campaign, count) in visits)
        {
            if (count <= 0 || !ByChannel.TryGetValue(channel, out var pricing))
                continue;
            var wobble = 0.85 + 0.3 * Unit(day, channel, campaign);
            var clicks = (long)Math.Round(count * pricing.ClickRatio * wobble);
            var impressions = (long)Math.Round(clicks / (pricing.Ctr * (0.8 + 0.4 * Unit(day, campaign, channel))));
            var cpc = channel == Channels.PaidSearch && campaign is not null && SearchCpc.TryGetValue(campaign, out var price) ? price : pricing.CostPerClick;
            var spend = pricing.CostPerMille > 0 ? impressions / 1000.0 * pricing.CostPerMille : clicks * cpc * wobble;
            rows.Add(new CostRow(day, channel, campaign, decimal.Round((decimal)spend, 2), impressions, clicks));
        }

        foreach (var (day, campaign, sends) in smsSends)
        {
            if (sends > 0)
                rows.Add(new CostRow(day, Channels.Sms, campaign, decimal.Round(sends * SmsPrice, 2), 0, 0));
        }

        return rows;
    }

    /// <summary>A number in [0, 1) fixed for a day, channel and campaign.</summary>
    private static double Unit(DateOnly day, string? a, string? b)
    {
        var hash = (uint)day.DayNumber * 2654435761u;
        foreach (var c in (a ?? "") + "|" + (b ?? ""))
            hash = (hash ^ c) * 16777619u;
        return (hash % 10_000) / 10_000.0;
    }
}
