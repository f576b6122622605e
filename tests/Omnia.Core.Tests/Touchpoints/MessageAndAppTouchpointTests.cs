using Omnia.Core.Touchpoints;
using static Omnia.Core.Tests.Touchpoints.SegmentEvents;

namespace Omnia.Core.Tests.Touchpoints;

public class MessageAndAppTouchpointTests
{
    [Fact]
    public void Message_sent_is_a_touchpoint_of_the_channel_and_campaign_it_names()
    {
        var touchpoint = Classify(ServerTrack("Message Sent", properties: """{ "message_id": "msg_1", "channel": "sms", "campaign": "flash_sale" }"""));

        Assert.Equal(Channels.Sms, touchpoint.Channel);
        Assert.Equal("flash_sale", touchpoint.Campaign);
        Assert.Equal("event Message Sent, channel=sms", touchpoint.Reason);
    }

    [Fact]
    public void Email_opened_takes_its_campaign_from_campaign_name()
    {
        var touchpoint = Classify(ServerTrack("Email Opened", "email", """{ "campaign_name": "spring_sale", "campaign_id": "cmp_1" }"""));

        Assert.Equal(Channels.Email, touchpoint.Channel);
        Assert.Equal("spring_sale", touchpoint.Campaign);
    }

    [Fact]
    public void Context_channel_wins_over_the_message_channel_property()
    {
        var touchpoint = Classify(ServerTrack("Message Sent", "push", """{ "channel": "sms", "campaign": "c" }"""));

        Assert.Equal(Channels.Push, touchpoint.Channel);
    }

    [Fact]
    public void A_campaign_property_on_an_ordinary_event_is_not_a_touchpoint_campaign()
    {
        var touchpoint = Classify(ServerTrack("Order Completed", properties: """{ "campaign": "spring_sale", "channel": "email" }"""));

        Assert.Equal(Channels.Direct, touchpoint.Channel);
        Assert.Null(touchpoint.Campaign);
    }

    [Fact]
    public void Utm_campaign_wins_over_the_message_campaign_property()
    {
        var json = """
            { "type": "track", "event": "Email Link Clicked", "userId": "u1",
              "properties": { "campaign": "from_property" },
              "context": { "campaign": { "source": "newsletter", "medium": "email", "name": "from_utm" } } }
            """;

        Assert.Equal("from_utm", Classify(json).Campaign);
    }

    [Theory]
    [InlineData("Message Sent", MessageEventKind.Sent)]
    [InlineData("email delivered", MessageEventKind.Delivered)]
    [InlineData("Push Notification Opened", MessageEventKind.Opened)]
    [InlineData("Email Link Clicked", MessageEventKind.Clicked)]
    [InlineData("Unsubscribed", MessageEventKind.Unsubscribed)]
    [InlineData("Order Completed", MessageEventKind.None)]
    public void Message_event_names_say_what_they_report(string name, MessageEventKind kind) =>
        Assert.Equal(kind, MessageEventKinds.KindOf(name));

    [Fact]
    public void App_opened_from_a_tagged_deep_link_is_classified_by_the_link_tags()
    {
        var touchpoint = Classify(AppOpened("""{ "url": "northwind://product/NW-JK-101?utm_source=instagram&utm_medium=paid_social&utm_campaign=spring_sale" }"""));

        Assert.Equal(Channels.PaidSocial, touchpoint.Channel);
        Assert.Equal("spring_sale", touchpoint.Campaign);
    }

    [Fact]
    public void App_opened_from_a_link_in_a_mail_app_is_email()
    {
        var touchpoint = Classify(AppOpened("""{ "url": "northwind://sale", "referring_application": "com.google.android.gm" }"""));

        Assert.Equal(Channels.Email, touchpoint.Channel);
    }

    [Fact]
    public void App_opened_by_the_person_alone_is_direct_without_a_source()
    {
        var touchpoint = Classify(AppOpened("""{ "from_background": true }"""));

        Assert.Equal(Channels.Direct, touchpoint.Channel);
        Assert.Equal("app event without campaign or referrer", touchpoint.Reason);
    }

    private static string AppOpened(string properties) => $$"""
        {
          "type": "track", "event": "Application Opened", "anonymousId": "B5372DB0",
          "properties": {{properties}},
          "context": {
            "app": { "name": "Northwind", "version": "3.2.0" },
            "library": { "name": "analytics-ios", "version": "4.1.8" }
          },
          "timestamp": "2025-04-25T07:45:12.331Z"
        }
        """;
}
