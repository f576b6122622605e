namespace Omnia.Core.Demo;

/// <summary>A discount a campaign carries: a visit that arrives through it buys at the reduced price.</summary>
internal sealed record Promotion(decimal Rate, string Coupon)
{
    private static readonly Dictionary<string, Promotion> ByCampaign = new(StringComparer.Ordinal)
    {
        ["spring_sale"] = new(0.25m, "SPRING25"),
        ["summer_clearance"] = new(0.40m, "CLEAR40"),
        ["weekend_flash_sale"] = new(0.20m, "FLASH20"),
        ["winback_q3"] = new(0.20m, "COMEBACK20"),
        ["retargeting_cart"] = new(0.10m, "COMEBACK10"),
    };

    public static Promotion? For(Utm? campaign) =>
        campaign is not null && ByCampaign.TryGetValue(campaign.Name, out var promotion) ? promotion : null;

    public decimal Apply(decimal price) => Math.Round(price * (1 - Rate), 2, MidpointRounding.AwayFromZero);
}
