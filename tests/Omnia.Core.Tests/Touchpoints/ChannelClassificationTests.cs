using Omnia.Core.Touchpoints;
using static Omnia.Core.Tests.Touchpoints.SegmentEvents;

namespace Omnia.Core.Tests.Touchpoints;

public class ChannelClassificationTests
{
    private const string Home = "https://www.acme.com/";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // scenario, Segment event, channel, reason
        { "Google organic referrer", WebPage(Home, "https://www.google.com/"), Channels.OrganicSearch, "referrer google.com" },
        { "Google UK organic referrer", WebPage(Home, "https://www.google.co.uk/"), Channels.OrganicSearch, "referrer google.co.uk" },
        { "Bing results page", WebPage(Home, "https://www.bing.com/search?q=acme+trail+shoes"), Channels.OrganicSearch, "referrer bing.com" },
        { "DuckDuckGo referrer", WebPage(Home, "https://duckduckgo.com/"), Channels.OrganicSearch, "referrer duckduckgo.com" },
        { "Google app on Android", WebPage(Home, "android-app://com.google.android.googlequicksearchbox/"),
            Channels.OrganicSearch, "referrer com.google.android.googlequicksearchbox" },
        { "Google Ads cpc click", WebPage(Home + "?gclid=Cj0KCQjw", "https://www.google.com/", Campaign("google", "cpc")),
            Channels.PaidSearch, "utm_medium=cpc, utm_source=google" },
        { "Microsoft Ads ppc click", WebPage(Home + "?msclkid=7a1b2c", "https://www.bing.com/", Campaign("bing", "ppc")),
            Channels.PaidSearch, "utm_medium=ppc, utm_source=bing" },
        { "cpc from an unknown network", WebPage(Home, "", Campaign("adnet", "cpc")), Channels.PaidSearch, "utm_medium=cpc" },
        { "gclid without UTM tags", WebPage(Home + "?gclid=EAIaIQobChMI", "https://www.google.com/"), Channels.PaidSearch, "gclid" },
        { "Facebook ad tagged paid_social", WebPage(Home + "?fbclid=IwAR2x", "https://l.facebook.com/", Campaign("facebook", "paid_social")),
            Channels.PaidSocial, "utm_medium=paid_social" },
        { "Instagram cpc", WebPage(Home, "https://l.instagram.com/", Campaign("ig", "cpc")), Channels.PaidSocial, "utm_medium=cpc, utm_source=ig" },
        { "Facebook ads source word with cpc", WebPage(Home, "", Campaign("facebook_ads", "cpc")), Channels.PaidSocial, "utm_medium=cpc, utm_source=facebook_ads" },
        { "LinkedIn ad tagged Paid-Social", WebPage(Home, "", Campaign("linkedin", "Paid-Social")), Channels.PaidSocial, "utm_medium=Paid-Social" },
        { "fbclid without UTM tags", WebPage(Home + "?fbclid=IwAR3kq0", "https://l.facebook.com/"), Channels.PaidSocial, "fbclid" },
        { "Facebook organic referrer", WebPage(Home, "https://m.facebook.com/"), Channels.Social, "referrer m.facebook.com" },
        { "Post on X through t.co", WebPage(Home, "https://t.co/Xa9d2Kf"), Channels.Social, "referrer t.co" },
        { "LinkedIn post tagged social", WebPage(Home, "", Campaign("linkedin", "social")), Channels.Social, "utm_medium=social" },
        { "Newsletter UTM", WebPage(Home, "", Campaign("newsletter", "email", "april_digest")), Channels.Email, "utm_medium=email" },
        { "Gmail web link without tags", WebPage(Home, "https://mail.google.com/"), Channels.Email, "referrer mail.google.com" },
        { "Email Link Clicked from the ESP", ServerTrack("Email Link Clicked", properties: """{ "email_subject": "Spring sale", "link_url": "https://www.acme.com/sale" }"""),
            Channels.Email, "event Email Link Clicked" },
        { "Email Opened", ServerTrack("Email Opened"), Channels.Email, "event Email Opened" },
        { "SMS link click", ServerTrack("SMS Link Clicked"), Channels.Sms, "event SMS Link Clicked" },
        { "Push opened on iOS", IosEvent("track", "\"event\": \"Push Notification Tapped\""), Channels.Push, "event Push Notification Tapped" },
        { "In-app message viewed", IosEvent("track", "\"event\": \"In-App Message Viewed\""), Channels.InApp, "event In-App Message Viewed" },
        { "POS order with context.channel=store", ServerTrack("Order Completed", "store", """{ "order_id": "POS-1182", "total": 89.9 }"""),
            Channels.Store, "context.channel" },
        { "POS alias", ServerTrack("Order Completed", "pos"), Channels.Store, "context.channel=pos" },
        { "Call centre order", ServerTrack("Order Completed", "Call Centre"), Channels.Phone, "context.channel=Call Centre" },
        { "Support ticket", ServerTrack("Ticket Created", "support", """{ "ticket_id": "ZD-55120" }"""), Channels.Support, "context.channel" },
        { "Unknown context.channel", ServerTrack("Order Completed", "kiosk"), Channels.Other, "unknown context.channel=kiosk" },
        { "Transport name in context.channel", WebPage(Home, "https://www.google.com/", channel: "browser"), Channels.OrganicSearch, "referrer google.com" },
        { "Referral from a blog", WebPage(Home, "https://blog.runnersworld.example/best-trail-shoes-2025"), Channels.Referral, "referrer blog.runnersworld.example" },
        { "Referral from a site named like a search engine", WebPage(Home, "https://www.bingo-night.example/prizes"),
            Channels.Referral, "referrer bingo-night.example" },
        { "Referral from a .co site ending in t.co", WebPage(Home, "https://digitalmarket.co/reviews"), Channels.Referral, "referrer digitalmarket.co" },
        { "Search referrer with a port", WebPage(Home, "https://www.google.com:443/"), Channels.OrganicSearch, "referrer google.com" },
        { "Self-referral", WebPage("https://acme.com/checkout", "https://www.acme.com/cart"), Channels.Direct, "self-referral acme.com" },
        { "Back from the payment page", WebPage("https://www.acme.com/thanks", "https://checkout.stripe.com/c/pay/cs_live"), Channels.Direct, "internal referrer checkout.stripe.com" },
        { "App screen", IosEvent("screen", "\"name\": \"Home\""), Channels.Direct, "app event without campaign or referrer" },
        { "Typed URL", WebPage(Home), Channels.Direct, "no referrer" },
        { "Display UTMs in the page URL only", ServerPage(Home + "?utm_source=dv360&utm_medium=display&utm_campaign=retarget_q2"),
            Channels.Display, "utm_medium=display" },
        { "Affiliate network", WebPage(Home, "https://www.awin1.com/", Campaign("awin", "affiliate")), Channels.Affiliate, "utm_medium=affiliate" },
        { "YouTube pre-roll", WebPage(Home, "", Campaign("youtube", "preroll")), Channels.Video, "utm_medium=preroll" },
        { "QR code on a postcard", WebPage(Home, "", Campaign("spring_postcard", "direct_mail")), Channels.DirectMail, "utm_medium=direct_mail" },
        { "Unrecognised medium", WebPage(Home, "", Campaign("partner_x", "qr")), Channels.Other, "unrecognised utm_medium=qr" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Segment_event_gets_the_expected_channel_and_reason(string scenario, string json, string channel, string reason)
    {
        var touchpoint = Classify(json);

        Assert.True(channel == touchpoint.Channel, $"{scenario}: expected {channel}, got {touchpoint.Channel} ({touchpoint.Reason})");
        Assert.Equal(reason, touchpoint.Reason);
    }

    [Fact]
    public void Google_cpc_click_is_paid_search_with_its_campaign()
    {
        var touchpoint = Classify(WebPage(Home + "?gclid=Cj0KCQjw", "https://www.google.com/", Campaign("google", "cpc", "brand_uk")));

        Assert.Equal(new Touchpoint(Channels.PaidSearch, "brand_uk", "google", "cpc", "utm_medium=cpc, utm_source=google"), touchpoint);
    }

    [Fact]
    public void Organic_search_names_the_engine_as_source_and_organic_as_medium()
    {
        var touchpoint = Classify(WebPage(Home, "https://www.google.com/"));

        Assert.Equal(new Touchpoint(Channels.OrganicSearch, null, "google.com", "organic", "referrer google.com"), touchpoint);
    }

    [Fact]
    public void Decoded_utm_tags_from_the_page_url_fill_the_touchpoint()
    {
        var touchpoint = Classify(ServerPage("https://www.acme.com/sale?utm_source=acme&utm_medium=email&utm_campaign=spring+sale%202025"));

        Assert.Equal(Channels.Email, touchpoint.Channel);
        Assert.Equal("spring sale 2025", touchpoint.Campaign);
        Assert.Equal("acme", touchpoint.Source);
    }

    [Fact]
    public void Explicit_channel_wins_over_utm_tags()
    {
        var touchpoint = Classify(WebPage(Home, "https://www.google.com/", Campaign("google", "cpc"), channel: "store"));

        Assert.Equal(Channels.Store, touchpoint.Channel);
        Assert.Equal("cpc", touchpoint.Medium);
    }

    [Fact]
    public void Known_utm_medium_wins_over_a_click_id()
    {
        var touchpoint = Classify(WebPage(Home + "?fbclid=IwAR3kq0", "https://l.facebook.com/", Campaign("facebook", "social")));

        Assert.Equal(Channels.Social, touchpoint.Channel);
    }

    [Fact]
    public void A_workspaces_own_other_domain_is_direct_once_listed_as_internal()
    {
        var json = WebPage("https://shop.acme.com/", "https://blog.acme.com/new-trail-range");
        var ownDomains = ChannelRules.Default with { InternalHosts = [.. ChannelRules.Default.InternalHosts, "acme.com"] };

        Assert.Equal(Channels.Referral, Classify(json).Channel);
        Assert.Equal(Channels.Direct, Classify(json, ownDomains).Channel);
    }

    [Fact]
    public void App_opened_from_a_deep_link_is_classified_by_its_referrer()
    {
        var json = IosEvent("track", "\"event\": \"Deep Link Opened\"",
            """ "referrer": { "type": "web", "link": "https://www.reddit.com/r/running/comments/1c2x3y" }, """);

        Assert.Equal(Channels.Social, Classify(json).Channel);
    }
}
