using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Omnia.Core.Messaging;

/// <summary>Optional facts an event carries besides the message's identity.</summary>
public sealed record MessageEventDetails
{
    /// <summary>The content item's name or id.</summary>
    public string? Content { get; init; }

    public long? JourneyId { get; init; }

    public string? Subject { get; init; }

    /// <summary>The clicked link (for clicked).</summary>
    public string? LinkUrl { get; init; }

    /// <summary><c>hard</c> or <c>soft</c> (for bounced; a hard bounce withdraws email consent).</summary>
    public string? BounceType { get; init; }

    /// <summary>Why, in words (bounced, failed, suppressed).</summary>
    public string? Reason { get; init; }

    /// <summary>The contact policy's reason code (for suppressed).</summary>
    public string? ReasonCode { get; init; }

    /// <summary>smtp, twilio, fcm, …</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's id for the message (Twilio's SID, FCM's message name, the SMTP Message-ID).</summary>
    public string? ProviderMessageId { get; init; }
}

/// <summary>
/// One event a message produces back into the event log: a Segment <c>track</c> call whose <c>context.channel</c> is the
/// message's channel and whose <c>context.campaign</c> is <c>{name: campaign, source: "omnia", medium: channel}</c>,
/// so touchpoint classification files it under its channel and campaign.
/// </summary>
/// <param name="EventId">The event's Segment <c>messageId</c> (dedupe key): <c>{message id}:{status}</c>, plus the instant for opens and clicks, which can repeat.</param>
public sealed record MessageEvent(string Name, string EventId, DateTimeOffset Timestamp, string Channel, string? Campaign, IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>The event as a Segment track call for the profile known by <paramref name="userId"/> or <paramref name="anonymousId"/>.</summary>
    public string ToSegmentJson(string? userId, string? anonymousId = null)
    {
        if (userId is null && anonymousId is null)
            throw new ArgumentException("A track call needs a userId or an anonymousId.", nameof(userId));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "track");
            w.WriteString("event", Name);
            w.WriteString("messageId", EventId);
            w.WriteString("timestamp", Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            if (userId is not null)
                w.WriteString("userId", userId);
            if (anonymousId is not null)
                w.WriteString("anonymousId", anonymousId);
            w.WriteStartObject("properties");
            foreach (var (key, value) in Properties)
            {
                if (key == "journey_id" && long.TryParse(value, CultureInfo.InvariantCulture, out var number))
                    w.WriteNumber(key, number);
                else
                    w.WriteString(key, value);
            }
            w.WriteEndObject();
            w.WriteStartObject("context");
            w.WriteString("channel", Channel);
            w.WriteStartObject("campaign");
            if (Campaign is not null)
                w.WriteString("name", Campaign);
            w.WriteString("source", "omnia");
            w.WriteString("medium", Channel);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>
/// The event each message status produces (see docs/messaging.md for the table). Names follow Segment's Email spec
/// where it has one (<c>Email Delivered</c>, <c>Email Opened</c>, <c>Email Link Clicked</c>, <c>Email Bounced</c>,
/// <c>Email Marked as Spam</c>, <c>Unsubscribed</c>), so Omnia's consent rules read bounces, complaints and
/// unsubscribes from them; other channels use the same verbs with their own prefix (<c>SMS</c>, <c>Push</c>,
/// <c>In-App Message</c>). Every event carries <c>message_id</c>, <c>channel</c> and <c>campaign</c>.
/// </summary>
public static class MessageEvents
{
    /// <summary>The event for <paramref name="status"/>, or null where there is none (queued; an SMS is never "opened").</summary>
    public static MessageEvent? For(MessageStatus status, MessageIdentity message, DateTimeOffset at, MessageEventDetails? details = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var name = Name(status, message.Channel);
        if (name is null)
            return null;
        details ??= new MessageEventDetails();
        var properties = new List<KeyValuePair<string, string>> { new("message_id", message.MessageId), new("channel", message.Channel) };
        void Add(string key, string? value)
        {
            if (value is not null)
                properties.Add(new(key, value));
        }
        Add("campaign", message.Campaign);
        Add("content", details.Content);
        Add("journey_id", details.JourneyId?.ToString(CultureInfo.InvariantCulture));
        Add("subject", details.Subject);
        Add("link_url", details.LinkUrl);
        Add("bounce_type", details.BounceType);
        Add("reason_code", details.ReasonCode);
        Add("reason", details.Reason);
        Add("provider", details.Provider);
        Add("provider_message_id", details.ProviderMessageId);
        var eventId = status is MessageStatus.Opened or MessageStatus.Clicked
            ? $"{message.MessageId}:{Word(status)}:{at.ToUnixTimeMilliseconds()}"
            : $"{message.MessageId}:{Word(status)}";
        return new MessageEvent(name, eventId, at, message.Channel, message.Campaign, properties);
    }

    /// <summary>The event name for a status on a channel; null when the status produces none.</summary>
    public static string? Name(MessageStatus status, string channel)
    {
        var prefix = channel switch
        {
            Touchpoints.Channels.Email => "Email",
            Touchpoints.Channels.Sms => "SMS",
            Touchpoints.Channels.Push => "Push",
            Touchpoints.Channels.InApp => "In-App Message",
            _ => throw new ArgumentException($"'{channel}' is not a message channel.", nameof(channel)),
        };
        return status switch
        {
            MessageStatus.Queued => null,
            MessageStatus.Sent => "Message Sent",
            MessageStatus.Delivered => $"{prefix} Delivered",
            MessageStatus.Opened => channel == Touchpoints.Channels.Sms ? null : $"{prefix} Opened",
            MessageStatus.Clicked => channel == Touchpoints.Channels.InApp ? "In-App Message Clicked" : $"{prefix} Link Clicked",
            MessageStatus.Bounced => $"{prefix} Bounced",
            MessageStatus.Complained => $"{prefix} Marked as Spam",
            MessageStatus.Unsubscribed => "Unsubscribed",
            MessageStatus.Failed => "Message Failed",
            _ => "Message Suppressed",
        };
    }

    private static string Word(MessageStatus status) => status.ToString().ToLowerInvariant();
}
