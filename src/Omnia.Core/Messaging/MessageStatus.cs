namespace Omnia.Core.Messaging;

/// <summary>Where one message stands.</summary>
public enum MessageStatus
{
    /// <summary>Accepted for sending (in the outbox); no event.</summary>
    Queued,

    /// <summary>Handed to the provider (SMTP server, Twilio, FCM).</summary>
    Sent,

    /// <summary>The provider reports it reached the person (a delivery receipt).</summary>
    Delivered,

    Opened,

    Clicked,

    /// <summary>The address refused it (<c>bounce_type</c> hard or soft).</summary>
    Bounced,

    /// <summary>The person reported it as spam.</summary>
    Complained,

    Unsubscribed,

    /// <summary>The provider refused it or could not be reached after retries.</summary>
    Failed,

    /// <summary>The contact policy held it back (with a reason); never sent.</summary>
    Suppressed,
}

/// <summary>How statuses follow each other: the status a message shows after an update.</summary>
public static class MessageStatuses
{
    /// <summary>
    /// The status after <paramref name="update"/> arrives for a message at <paramref name="current"/>. Engagement only
    /// moves forward (queued → sent → delivered → opened → clicked: an open reported after a click keeps clicked; a
    /// late delivery receipt keeps opened); a bounce or failure replaces queued, sent or delivered; a complaint or an
    /// unsubscribe replaces anything; suppressed is final and replaces only queued.
    /// </summary>
    public static MessageStatus Advance(MessageStatus current, MessageStatus update)
    {
        if (current == MessageStatus.Suppressed)
            return current;
        return update switch
        {
            MessageStatus.Complained or MessageStatus.Unsubscribed => update,
            MessageStatus.Suppressed => current == MessageStatus.Queued ? update : current,
            MessageStatus.Bounced or MessageStatus.Failed => current is MessageStatus.Queued or MessageStatus.Sent or MessageStatus.Delivered ? update : current,
            _ when Rank(current) is { } c && Rank(update) is { } u => u > c ? update : current,
            _ => current,
        };
    }

    private static int? Rank(MessageStatus status) => status switch
    {
        MessageStatus.Queued => 0,
        MessageStatus.Sent => 1,
        MessageStatus.Delivered => 2,
        MessageStatus.Opened => 3,
        MessageStatus.Clicked => 4,
        _ => null,
    };
}
