using System.Text.Json;
using Omnia.Core.Touchpoints;
using static Omnia.Core.Tests.Touchpoints.SegmentEvents;

namespace Omnia.Core.Tests.Touchpoints;

public class TouchpointInputTests
{
    [Fact]
    public void Context_campaign_fills_all_five_utm_fields()
    {
        var input = Read(WebPage("https://www.acme.com/", "", Campaign("google", "cpc", "brand_uk")));

        Assert.Equal(("google", "cpc", "brand_uk", "running shoes", "hero"),
            (input.UtmSource, input.UtmMedium, input.UtmCampaign, input.UtmTerm, input.UtmContent));
    }

    [Fact]
    public void Utm_parameters_of_the_page_url_are_read_when_context_campaign_is_missing()
    {
        var input = Read(ServerPage(
            "https://www.acme.com/sale?utm_source=Newsletter&utm_medium=email&utm_campaign=spring+sale%202025&utm_term=trail%2Brunning&utm_content=cta#top"));

        Assert.Equal(("Newsletter", "email", "spring sale 2025", "trail+running", "cta"),
            (input.UtmSource, input.UtmMedium, input.UtmCampaign, input.UtmTerm, input.UtmContent));
    }

    [Fact]
    public void Context_campaign_wins_over_utm_parameters_in_the_url()
    {
        var input = Read(WebPage("https://www.acme.com/?utm_source=bing&utm_medium=ppc", "", Campaign("google", "cpc")));

        Assert.Equal(("google", "cpc"), (input.UtmSource, input.UtmMedium));
    }

    [Fact]
    public void Utm_parameters_after_a_hash_route_are_read()
    {
        var input = Read(ServerPage("https://app.acme.com/#/offer?utm_source=tiktok&utm_medium=paid_social"));

        Assert.Equal(("tiktok", "paid_social"), (input.UtmSource, input.UtmMedium));
    }

    [Fact]
    public void Page_event_without_context_page_takes_url_and_referrer_from_properties()
    {
        var input = Read(ServerPage("https://www.acme.com/landing", "https://news.ycombinator.com/item?id=1"));

        Assert.Equal("https://www.acme.com/landing", input.PageUrl);
        Assert.Equal("https://news.ycombinator.com/item?id=1", input.Referrer);
        Assert.False(input.IsAppEvent);
    }

    [Fact]
    public void Track_event_reads_name_and_explicit_channel()
    {
        var input = Read(ServerTrack("Order Completed", "pos"));

        Assert.Equal("Order Completed", input.EventName);
        Assert.Equal("pos", input.ExplicitChannel);
        Assert.Null(input.PageUrl);
    }

    [Fact]
    public void Screen_and_ios_library_events_are_app_events()
    {
        Assert.True(Read(IosEvent("screen", "\"name\": \"Home\"")).IsAppEvent);
        Assert.True(Read(IosEvent("track", "\"event\": \"Product Viewed\"")).IsAppEvent);
    }

    [Fact]
    public void Android_library_marks_an_app_event_without_context_app()
    {
        var input = Read("""
            { "type": "track", "event": "Product Viewed", "anonymousId": "a1",
              "context": { "library": { "name": "analytics-android", "version": "4.11.3" } } }
            """);

        Assert.True(input.IsAppEvent);
    }

    [Fact]
    public void Web_sdk_that_also_sends_context_app_is_not_an_app_event()
    {
        var input = Read("""
            { "type": "track", "event": "Product Viewed", "anonymousId": "a1",
              "context": { "app": { "name": "RudderLabs JavaScript SDK", "version": "3.7.1" },
                           "library": { "name": "RudderLabs JavaScript SDK", "version": "3.7.1" },
                           "page": { "url": "https://www.acme.com/p/trail-5", "referrer": "" } } }
            """);

        Assert.False(input.IsAppEvent);
    }

    [Fact]
    public void Mobile_referrer_link_is_the_referrer()
    {
        var input = Read(IosEvent("track", "\"event\": \"Deep Link Opened\"",
            """ "referrer": { "type": "web", "link": "https://www.pinterest.com/pin/123" }, """));

        Assert.Equal("https://www.pinterest.com/pin/123", input.Referrer);
    }

    [Fact]
    public void Blank_and_non_string_fields_are_absent()
    {
        var input = Read("""
            { "type": "track", "event": "  ", "context": { "channel": 7, "campaign": { "source": "", "medium": null } } }
            """);

        Assert.Equal(new TouchpointInput(), input);
    }

    [Fact]
    public void Event_that_is_not_an_object_is_rejected()
    {
        using var document = JsonDocument.Parse("[1, 2]");

        Assert.Throws<ArgumentException>(() => TouchpointInput.FromEvent(document.RootElement));
    }
}
