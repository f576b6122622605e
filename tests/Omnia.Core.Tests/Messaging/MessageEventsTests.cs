using System.Text.Json;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Messaging;

public class MessageEventsTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(MessageStatus.Sent, "email", "Message Sent")]
    [InlineData(MessageStatus.Delivered, "email", "Email Delivered")]
    [InlineData(MessageStatus.Opened, "email", "Email Opened")]
    [InlineData(MessageStatus.Clicked, "email", "Email Link Clicked")]
    [InlineData(MessageStatus.Bounced, "email", "Email Bounced")]
    [InlineData(MessageStatus.Complained, "email", "Email Marked as Spam")]
    [InlineData(MessageStatus.Unsubscribed, "email", "Unsubscribed")]
    [InlineData(MessageStatus.Failed, "sms", "Message Failed")]
    [InlineData(MessageStatus.Suppressed, "push", "Message Suppressed")]
    [InlineData(MessageStatus.Delivered, "sms", "SMS Delivered")]
    [InlineData(MessageStatus.Clicked, "sms", "SMS Link Clicked")]
    [InlineData(MessageStatus.Opened, "push", "Push Opened")]
    [InlineData(MessageStatus.Clicked, "in_app", "In-App Message Clicked")]
    public void Each_status_produces_its_named_event(MessageStatus status, string channel, string name)
    {
        Assert.Equal(name, MessageEvents.Name(status, channel));
    }

    [Fact]
    public void Every_event_a_message_produces_is_read_back_by_measurement_as_the_same_engagement()
    {
        var expected = new Dictionary<MessageStatus, MessageEventKind>
        {
            [MessageStatus.Sent] = MessageEventKind.Sent,
            [MessageStatus.Delivered] = MessageEventKind.Delivered,
            [MessageStatus.Opened] = MessageEventKind.Opened,
            [MessageStatus.Clicked] = MessageEventKind.Clicked,
            [MessageStatus.Bounced] = MessageEventKind.Bounced,
            [MessageStatus.Failed] = MessageEventKind.Bounced,
            [MessageStatus.Complained] = MessageEventKind.Unsubscribed,
            [MessageStatus.Unsubscribed] = MessageEventKind.Unsubscribed,
            [MessageStatus.Suppressed] = MessageEventKind.None, // never reached the person: not a touchpoint
        };
        var misread = new List<string>();
        foreach (var channel in new[] { Channels.Email, Channels.Sms, Channels.Push, Channels.InApp })
        {
            foreach (var (status, kind) in expected)
            {
                if (MessageEvents.Name(status, channel) is { } name && MessageEventKinds.KindOf(name) != kind)
                    misread.Add($"{channel} {status}: '{name}' reads as {MessageEventKinds.KindOf(name)}, not {kind}");
            }
        }

        Assert.True(misread.Count == 0, string.Join("\n", misread));
    }

    [Fact]
    public void Queued_and_an_sms_open_produce_no_event()
    {
        Assert.Null(MessageEvents.For(MessageStatus.Queued, new("m", 1, 2, "email", null), At));
        Assert.Null(MessageEvents.Name(MessageStatus.Opened, "sms"));
    }

    [Theory]
    [InlineData(MessageStatus.Sent, "email")]
    [InlineData(MessageStatus.Unsubscribed, "email")]
    [InlineData(MessageStatus.Suppressed, "sms")]
    [InlineData(MessageStatus.Delivered, "push")]
    [InlineData(MessageStatus.Clicked, "in_app")]
    public void Every_message_event_is_classified_as_a_touchpoint_of_its_channel_and_campaign(MessageStatus status, string channel)
    {
        var e = MessageEvents.For(status, new("9:1:5:remind:1:send", 1, 42, channel, "abandoned-cart"), At)!;
        using var json = JsonDocument.Parse(e.ToSegmentJson("u-42"));

        var touchpoint = TouchpointClassifier.Classify(TouchpointInput.FromEvent(json.RootElement), ChannelRules.Default);

        Assert.Equal((channel, "abandoned-cart"), (touchpoint.Channel, touchpoint.Campaign));
        Assert.Equal("9:1:5:remind:1:send", json.RootElement.GetProperty("properties").GetProperty("message_id").GetString());
    }

    [Fact]
    public void Bounces_complaints_and_unsubscribes_withdraw_consent_under_the_consent_rules()
    {
        var message = new MessageIdentity("m1", 1, 42, "email", "spring");
        (MessageStatus, MessageEventDetails?, string)[] cases =
        [
            (MessageStatus.Bounced, new MessageEventDetails { BounceType = "hard", Reason = "550 5.1.1 no such user" }, "hard bounce"),
            (MessageStatus.Complained, null, "spam complaint"),
            (MessageStatus.Unsubscribed, null, "event Unsubscribed"),
        ];
        foreach (var (status, details, reason) in cases)
        {
            using var json = JsonDocument.Parse(MessageEvents.For(status, message, At, details)!.ToSegmentJson("u-42"));
            var root = json.RootElement;

            var change = Assert.Single(ConsentRules.Read(root.GetProperty("event").GetString(), root.GetProperty("properties"), default));

            Assert.Equal(("email", false, reason), change);
        }
        using var soft = JsonDocument.Parse(MessageEvents.For(MessageStatus.Bounced, message, At, new MessageEventDetails { BounceType = "soft" })!.ToSegmentJson("u"));
        Assert.Empty(ConsentRules.Read("Email Bounced", soft.RootElement.GetProperty("properties"), default));
    }

    [Fact]
    public void A_segment_track_call_carries_ids_time_properties_and_context()
    {
        var e = MessageEvents.For(MessageStatus.Clicked, new("m1", 1, 42, "email", "spring"), At,
            new MessageEventDetails { LinkUrl = "https://shop.example.com/", JourneyId = 9, Content = "spring-mail" })!;

        Assert.Equal(
            """{"type":"track","event":"Email Link Clicked","messageId":"m1:clicked:1748779200000","timestamp":"2025-06-01T12:00:00.000Z","anonymousId":"a-1","properties":{"message_id":"m1","channel":"email","campaign":"spring","content":"spring-mail","journey_id":9,"link_url":"https://shop.example.com/"},"context":{"channel":"email","campaign":{"name":"spring","source":"omnia","medium":"email"}}}""",
            e.ToSegmentJson(null, "a-1"));
        Assert.Equal("m1:sent", MessageEvents.For(MessageStatus.Sent, new("m1", 1, 42, "email", null), At)!.EventId);
    }

    [Theory]
    [InlineData(MessageStatus.Queued, MessageStatus.Sent, MessageStatus.Sent)]
    [InlineData(MessageStatus.Clicked, MessageStatus.Opened, MessageStatus.Clicked)]
    [InlineData(MessageStatus.Opened, MessageStatus.Delivered, MessageStatus.Opened)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Bounced, MessageStatus.Bounced)]
    [InlineData(MessageStatus.Opened, MessageStatus.Bounced, MessageStatus.Opened)]
    [InlineData(MessageStatus.Clicked, MessageStatus.Unsubscribed, MessageStatus.Unsubscribed)]
    [InlineData(MessageStatus.Suppressed, MessageStatus.Sent, MessageStatus.Suppressed)]
    [InlineData(MessageStatus.Sent, MessageStatus.Suppressed, MessageStatus.Sent)]
    [InlineData(MessageStatus.Queued, MessageStatus.Failed, MessageStatus.Failed)]
    public void Statuses_only_move_forward(MessageStatus current, MessageStatus update, MessageStatus expected)
    {
        Assert.Equal(expected, MessageStatuses.Advance(current, update));
    }
}
