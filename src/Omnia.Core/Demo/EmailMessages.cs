namespace Omnia.Core.Demo;

/// <summary>
/// Email engagement as the email provider reports it: delivered, opened, link clicked (which starts a
/// tagged web visit), unsubscribed. Every event carries the user id and <c>context.traits.email</c>.
/// </summary>
internal static class EmailMessages
{
    private const double UnsubscribeGivenOpen = 0.015;

    public static void Send(CustomerState s, Campaign campaign, DateTimeOffset sendAt, IReadOnlyList<OrderLine>? cart = null)
    {
        var rng = s.Rng;
        var customer = s.Customer;
        var deliveredAt = sendAt.AddSeconds(rng.Next(5, 1200));
        s.Emit(Event(customer, campaign, "Email Delivered", deliveredAt));
        var lapsed = customer.Persona == Persona.LapsedVip && s.World.Window.DayOf(sendAt) >= customer.ActiveUntil;
        var openRate = s.Behaviour.EmailOpen * (lapsed ? 0.5 : 1) * (cart is null ? 1 : 1.4);
        if (!rng.Chance(openRate))
        {
            return;
        }

        var openedAt = deliveredAt.AddMinutes(rng.Chance(0.6) ? rng.Next(2, 180) : rng.Next(180, 1800));
        s.Emit(Event(customer, campaign, "Email Opened", openedAt));
        if (rng.Chance(UnsubscribeGivenOpen))
        {
            s.EmailSubscribed = false;
            s.Emit(Event(customer, campaign, "Email Unsubscribed", openedAt.AddSeconds(rng.Next(10, 90))));
            return;
        }

        if (!rng.Chance(s.Behaviour.EmailClickGivenOpen * (cart is null ? 1 : 1.5)))
        {
            return;
        }

        var clickedAt = openedAt.AddSeconds(rng.Next(5, 120));
        s.Emit(Event(customer, campaign, "Email Link Clicked", clickedAt, campaign.LinkUrl));
        // Lapsed customers read the email but do not come back: that is what makes them lapsed.
        if (!lapsed && s.PickWebDevice(preferMobile: rng.Chance(0.6)) is { } device)
        {
            WebVisit.Run(s, device, clickedAt.AddSeconds(2), Traffic.FromMessage(campaign.Utm, campaign.Landing, campaign.Product), cart);
        }
    }

    public static DemoEvent Event(Customer customer, Campaign campaign, string name, DateTimeOffset at, string? linkUrl = null)
    {
        var context = new DemoContext { Library = Libraries.Messaging, Channel = "email", TraitsEmail = customer.Email };
        return DemoEvent.Track(at, new Ids(customer.UserId, null), name, context, w =>
        {
            w.WriteString("campaign_name", campaign.Name);
            w.WriteString("campaign_id", campaign.CampaignId);
            w.WriteString("email_subject", campaign.Subject);
            if (linkUrl is not null)
            {
                w.WriteString("link_url", linkUrl);
            }
        });
    }
}
