namespace Omnia.Core.Demo;

/// <summary>The channels the brand sends its own messages on.</summary>
internal enum CampaignChannel
{
    Email,
    Sms,
    Push,
}

/// <summary>
/// One message the brand sends to many people at <see cref="SendAt"/>: a newsletter, a win-back,
/// an SMS flash sale or a push notification.
/// </summary>
internal sealed record Campaign(
    string Name,
    CampaignChannel Channel,
    string Subject,
    WebPage Landing,
    Product? Product,
    DateTimeOffset SendAt,
    bool LapsedOnly = false)
{
    public string CampaignId => $"cmp_{Name}_{SendAt:MMdd}";

    public Utm Utm => Channel == CampaignChannel.Sms
        ? new Utm("sms", "sms", Name)
        : new Utm("newsletter", "email", Name, "hero_cta");

    public string LinkUrl => Landing.WithQuery(Utm.Query).Url;
}
