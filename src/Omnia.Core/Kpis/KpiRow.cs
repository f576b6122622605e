namespace Omnia.Core.Kpis;

/// <summary>
/// One channel's (or campaign's) KPIs over one period, or over the whole range when <see cref="Period"/> is null.
/// Conversions and revenue are credited to the last non-direct touchpoint of each conversion's path (the last
/// touchpoint when all are direct); the attribution page shows the other models.
/// </summary>
/// <param name="Period">The first day of the period; null for the whole range.</param>
/// <param name="Channel">The channel code.</param>
/// <param name="Campaign">The campaign, at campaign level.</param>
/// <param name="Reach">People the channel reached: a visit it brought or a message of it sent, delivered, opened or clicked.</param>
/// <param name="Sends">Messages sent (their deliveries when the provider reports no sends).</param>
/// <param name="Delivered">Messages delivered.</param>
/// <param name="Opens">Messages opened.</param>
/// <param name="MessageClicks">Clicks on links in messages.</param>
/// <param name="AdClicks">Ad clicks from the cost data.</param>
/// <param name="Impressions">Ad impressions from the cost data.</param>
/// <param name="Unsubscribes">Unsubscribes from messages.</param>
/// <param name="Visits">Visits (web, app, store) the channel brought.</param>
/// <param name="Conversions">Conversions credited.</param>
/// <param name="Revenue">Their value.</param>
/// <param name="Cost">Spend from the cost data; null when none is recorded.</param>
public sealed record KpiRow(
    DateOnly? Period,
    string Channel,
    string? Campaign,
    long Reach,
    long Sends,
    long Delivered,
    long Opens,
    long MessageClicks,
    long AdClicks,
    long Impressions,
    long Unsubscribes,
    long Visits,
    long Conversions,
    double Revenue,
    double? Cost)
{
    /// <summary>Message clicks and ad clicks.</summary>
    public long Clicks => MessageClicks + AdClicks;

    /// <summary>Ad clicks / impressions where there are impressions, else message clicks / delivered.</summary>
    public double? Ctr => Impressions > 0 ? (double)AdClicks / Impressions : Delivered > 0 ? (double)MessageClicks / Delivered : null;

    /// <summary>Opens / delivered.</summary>
    public double? OpenRate => Delivered > 0 ? (double)Opens / Delivered : null;

    /// <summary>Conversions / visits.</summary>
    public double? ConversionRate => Visits > 0 ? (double)Conversions / Visits : null;

    /// <summary>Cost / conversions.</summary>
    public double? Cpa => Cost is { } cost && Conversions > 0 ? cost / Conversions : null;

    /// <summary>Revenue / cost.</summary>
    public double? Roas => Cost is > 0 ? Revenue / Cost : null;

    /// <summary>(Revenue − cost) / cost.</summary>
    public double? Roi => Cost is > 0 ? (Revenue - Cost.Value) / Cost.Value : null;
}
