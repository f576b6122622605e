namespace Omnia.Core.Costs;

/// <summary>
/// What one channel (or one campaign within it) cost on one day, with its ad impressions and clicks. A day, channel
/// and campaign hold one row: saving it again replaces it, so re-importing a file changes nothing.
/// </summary>
/// <param name="Day">The day (UTC).</param>
/// <param name="Channel">A channel code (<see cref="Touchpoints.Channels"/>).</param>
/// <param name="Campaign">The campaign as the touchpoints name it (utm_campaign), or null for the channel as a whole.</param>
/// <param name="Spend">Money spent, in the workspace's currency.</param>
/// <param name="Impressions">Ad impressions (0 when unknown).</param>
/// <param name="Clicks">Ad clicks (0 when unknown).</param>
public sealed record CostRow(DateOnly Day, string Channel, string? Campaign, decimal Spend, long Impressions, long Clicks);
