namespace Omnia.Core.Touchpoints;

/// <summary>
/// An event classified to a marketing channel, with the campaign tags it carried and the reason for the
/// channel, so an analyst can see why a visit counted as, say, paid search.
/// </summary>
/// <param name="Channel">One of the <see cref="Channels"/> codes.</param>
/// <param name="Campaign">The utm_campaign (Segment <c>context.campaign.name</c>), or null.</param>
/// <param name="Source">utm_source, else the external referrer's host (without <c>www.</c>), else null.</param>
/// <param name="Medium">
/// utm_medium, else <c>organic</c>, <c>social</c> or <c>referral</c> when the referrer decided the channel,
/// else null.
/// </param>
/// <param name="Reason">A short explanation: <c>context.channel</c>, <c>utm_medium=cpc</c>,
/// <c>referrer google.com</c>, <c>event Email Opened</c>, <c>no referrer</c>.</param>
public sealed record Touchpoint(string Channel, string? Campaign, string? Source, string? Medium, string Reason);
