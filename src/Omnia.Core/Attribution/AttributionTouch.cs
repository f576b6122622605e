namespace Omnia.Core.Attribution;

/// <summary>
/// One touchpoint of a buyer journey as the attribution models see it: its channel, optionally its campaign, when
/// it happened (time decay needs this), and whether it marks a lifecycle milestone (W-shaped needs this).
/// </summary>
/// <param name="Channel">The channel code, e.g. <c>email</c>; compared ordinally.</param>
/// <param name="Campaign">The campaign within the channel, if known; credits per campaign key on (channel, campaign).</param>
/// <param name="Timestamp">When the touch happened. Within one path either every touch has one or none has.</param>
/// <param name="Milestone">The lifecycle milestones this touch created (lead, opportunity), for the W-shaped model.</param>
public readonly record struct AttributionTouch(
    string Channel,
    string? Campaign = null,
    DateTimeOffset? Timestamp = null,
    JourneyMilestone Milestone = JourneyMilestone.None);
