using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Visits;

public class SessionizerTests
{
    [Fact]
    public void Events_less_than_thirty_minutes_apart_on_one_device_are_one_visit()
    {
        var events = new Timeline().Page(0).Page(10).Page(39).Page(69.5).Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal([3, 1], visits.Select(v => v.EventCount));
        Assert.Equal(T0.AddMinutes(39), visits[0].End);
        Assert.Equal(T0.AddMinutes(69.5), visits[1].Start);
    }

    [Fact]
    public void The_gap_is_configurable()
    {
        var events = new Timeline().Page(0).Page(10).Page(25).Events;

        Assert.Equal(3, Sessionizer.Of(events, VisitOptions.Default with { Gap = TimeSpan.FromMinutes(5) }).Length);
        Assert.Single(Sessionizer.Of(events, VisitOptions.Default with { Gap = TimeSpan.FromHours(1) }));
    }

    [Fact]
    public void Each_device_has_its_own_visits_even_when_they_overlap()
    {
        var events = new Timeline()
            .Page(0, DeviceType.Desktop, Channels.OrganicSearch)
            .Page(5, DeviceType.Mobile, Channels.PaidSocial, "spring_sale")
            .Page(10, DeviceType.Desktop)
            .Page(15, DeviceType.Mobile)
            .Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal(2, visits.Length);
        Assert.Equal((DeviceType.Desktop, Channels.OrganicSearch, 2), (visits[0].Device, visits[0].Channel, visits[0].EventCount));
        Assert.Equal((DeviceType.Mobile, Channels.PaidSocial, "spring_sale", 2), (visits[1].Device, visits[1].Channel, visits[1].Campaign, visits[1].EventCount));
    }

    [Fact]
    public void A_visit_takes_its_channel_and_campaign_from_its_first_event()
    {
        // The landing page carries the ad's tags; the pages after it are self-referrals (direct).
        var events = new Timeline().Page(0, channel: Channels.PaidSearch, campaign: "brand").Page(2).Page(4).Order(6, 59).Events;

        var visit = Assert.Single(Sessionizer.Of(events));

        Assert.Equal((Channels.PaidSearch, "brand", 4), (visit.Channel, visit.Campaign, visit.EventCount));
        Assert.True(visit.IsTouchpoint);
    }

    [Fact]
    public void A_direct_visit_keeps_the_last_known_source_within_the_lookback()
    {
        var events = new Timeline()
            .Page(0, channel: Channels.OrganicSearch)
            .Page(Days(5))                               // direct, 5 days later: still organic search
            .Page(Days(5) + 60, channel: Channels.Email, campaign: "news")
            .Page(Days(20))                              // direct: the newer source, email
            .Page(Days(40))                              // direct, 35 days after the email visit: direct
            .Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal([Channels.OrganicSearch, Channels.OrganicSearch, Channels.Email, Channels.Email, Channels.Direct], visits.Select(v => v.Channel));
        Assert.Equal([false, true, false, true, false], visits.Select(v => v.Inherited));
        Assert.Equal("news", visits[3].Campaign);
    }

    [Fact]
    public void Last_non_direct_can_be_turned_off()
    {
        var events = new Timeline().Page(0, channel: Channels.OrganicSearch).Page(Days(1)).Events;

        var visits = Sessionizer.Of(events, VisitOptions.Default with { DirectLookback = TimeSpan.Zero });

        Assert.Equal([Channels.OrganicSearch, Channels.Direct], visits.Select(v => v.Channel));
    }

    [Fact]
    public void An_app_opened_by_the_person_alone_is_a_visit_but_no_touchpoint()
    {
        var events = new Timeline()
            .At(0, "Application Opened", DeviceType.App)
            .At(1, "Home", DeviceType.App)
            .At(Days(1), "Push Notification Opened", DeviceType.App, Channels.Push, "new_arrivals")
            .At(Days(1) + 1, "Application Opened", DeviceType.App)
            .Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal(2, visits.Length);
        Assert.Equal((VisitKind.App, false), (visits[0].Kind, visits[0].IsTouchpoint));
        Assert.Equal((VisitKind.App, true, Channels.Push, "new_arrivals"), (visits[1].Kind, visits[1].IsTouchpoint, visits[1].Channel, visits[1].Campaign));
    }

    [Fact]
    public void A_direct_app_visit_does_not_inherit_an_earlier_source()
    {
        var events = new Timeline()
            .Page(0, channel: Channels.PaidSocial)
            .At(Days(1), "Application Opened", DeviceType.App)
            .Events;

        var app = Sessionizer.Of(events)[1];

        Assert.Equal((Channels.Direct, false, false), (app.Channel, app.IsTouchpoint, app.Inherited));
    }

    [Fact]
    public void Message_events_are_touchpoints_of_their_channel_and_campaign_with_their_strongest_engagement()
    {
        var events = new Timeline()
            .At(0, "Email Delivered", DeviceType.Unknown, Channels.Email, "spring_sale")
            .At(12 * 60, "Email Opened", DeviceType.Unknown, Channels.Email, "spring_sale")
            .At(12 * 60 + 1, "Email Link Clicked", DeviceType.Unknown, Channels.Email, "spring_sale")
            .At(12 * 60 + 1.1, "Page", DeviceType.Desktop, Channels.Email, "spring_sale")
            .Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal([VisitKind.Message, VisitKind.Message, VisitKind.Web], visits.Select(v => v.Kind));
        Assert.Equal([MessageEventKind.Delivered, MessageEventKind.Clicked, MessageEventKind.None], visits.Select(v => v.Engagement));
        Assert.All(visits, v => Assert.Equal(("spring_sale", true), (v.Campaign, v.IsTouchpoint)));
    }

    [Fact]
    public void An_unsubscribe_alone_is_no_touchpoint()
    {
        var events = new Timeline().At(0, "Email Unsubscribed", DeviceType.Unknown, Channels.Email, "news").Events;

        var visit = Assert.Single(Sessionizer.Of(events));

        Assert.False(visit.IsTouchpoint);
    }

    [Fact]
    public void Server_side_events_without_a_source_are_no_touchpoint_but_a_store_purchase_is()
    {
        var events = new Timeline()
            .At(0, "Order Completed", DeviceType.Unknown)
            .At(1, "Order Completed", DeviceType.Unknown, Channels.Store)
            .At(2, "Email Opened", DeviceType.Unknown, Channels.Email, "news")
            .Events;

        var visits = Sessionizer.Of(events);

        Assert.Equal([(VisitKind.Offline, Channels.Direct, false), (VisitKind.Offline, Channels.Store, true), (VisitKind.Message, Channels.Email, true)],
            visits.Select(v => (v.Kind, v.Channel, v.IsTouchpoint)));
    }

    [Fact]
    public void Each_event_can_be_told_its_visit()
    {
        var events = new Timeline().Page(0).Page(1, DeviceType.Mobile).Page(2).Page(100).Events;
        var visits = new List<Visit>();
        var visitOf = new int[events.Length];

        Sessionizer.Split(events, VisitOptions.Default, visits, visitOf);

        Assert.Equal([0, 1, 0, 2], visitOf);
    }
}
