using Omnia.Core.Costs;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Demo;

/// <summary>
/// Realistic costs for the demo brand's paid channels, derived from the visits each paid campaign brought on each day:
/// ad clicks a little above the visits (some clicks never load the page), impressions from a click-through rate usual
/// for the channel, spend from a cost per click (or per thousand impressions for display) usual for the campaign,
/// with a deterministic day-to-day wobble. SMS sends cost a fixed price per message.
/// </summary>
public static class DemoCosts
{
    private sealed record Pricing(double ClickRatio, double Ctr, double CostPerClick, double CostPerMille);

    private static readonly Dictionary<string, Pricing> ByChannel = new(StringComparer.Ordinal)
    {
        [Channels.PaidSearch] = new(1.12, 0.045, 1.35, 0),
        [Channels.PaidSocial] = new(1.25, 0.011, 0.85, 0),
        [Channels.Display] = new(1.4, 0.0035, 0, 4.2),
        [Channels.Affiliate] = new(1.05, 0.02, 0.6, 0),
        [Channels.Video] = new(1.3, 0.008, 0, 9.5),
    };

    /// <summary>Cost per click by search campaign: brand terms are cheap, generic ones dear.</summary>
    private static readonly Dictionary<string, double> SearchCpc = new(StringComparer.Ordinal)
    {
        ["brand_search"] = 0.42,
        ["generic_jackets"] = 1.95,
        ["hiking_boots"] = 1.6,
        ["spring_sale"] = 1.1,
    };

    /// <summary>What one SMS costs to send.</summary>
    public const decimal SmsPrice = 0.0075m;

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
