namespace Omnia.Core.Demo;

/// <summary>
/// SMS as the SMS provider reports it, with the number in E.164 in <c>context.traits.phone</c>:
/// delivered, link clicked (starting a tagged mobile visit), or a STOP reply that unsubscribes.
/// </summary>
internal static class SmsMessages
{
    public static void Send(CustomerState s, Campaign campaign, DateTimeOffset sendAt)
    {
        if (s.Customer.Phone is not { } phone)
        {
            return;
        }

        var rng = s.Rng;
        var context = new DemoContext { Library = Libraries.Messaging, Channel = "sms", TraitsPhone = phone.E164 };
        var ids = new Ids(s.Customer.UserId, null);
        var deliveredAt = sendAt.AddSeconds(rng.Next(2, 300));
        s.Emit(DemoEvent.Track(deliveredAt, ids, "SMS Delivered", context, w =>
        {
            w.WriteString("campaign_name", campaign.Name);
            w.WriteString("campaign_id", campaign.CampaignId);
            w.WriteString("message_body", campaign.Subject + " " + campaign.LinkUrl);
        }));
        if (rng.Chance(0.04))
        {
            s.SmsSubscribed = false;
            s.Emit(DemoEvent.Track(deliveredAt.AddMinutes(rng.Next(1, 90)), ids, "Subscription Updated", context,
                Accounts.SubscriptionProperties("sms", false)));
            return;
        }

        if (!rng.Chance(0.18))
        {
            return;
        }

        var clickedAt = deliveredAt.AddMinutes(rng.Next(1, 240));
        s.Emit(DemoEvent.Track(clickedAt, ids, "SMS Link Clicked", context, w =>
        {
            w.WriteString("campaign_name", campaign.Name);
            w.WriteString("campaign_id", campaign.CampaignId);
            w.WriteString("link_url", campaign.LinkUrl);
        }));
        if (s.PickWebDevice(preferMobile: true) is { } device)
        {
            WebVisit.Run(s, device, clickedAt.AddSeconds(3), Traffic.FromMessage(campaign.Utm, campaign.Landing, campaign.Product));
        }
    }
}
