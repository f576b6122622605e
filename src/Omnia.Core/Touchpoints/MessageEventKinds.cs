using System.Collections.Frozen;

namespace Omnia.Core.Touchpoints;

/// <summary>What one of our own message events reports about a send.</summary>
public enum MessageEventKind : byte
{
    /// <summary>Not a message event.</summary>
    None,

    /// <summary>A message left Omnia (or the provider accepted it).</summary>
    Sent,

    /// <summary>The provider delivered it.</summary>
    Delivered,

    /// <summary>The person opened it (an email open pixel, a push tapped open).</summary>
    Opened,

    /// <summary>The person clicked a link in it.</summary>
    Clicked,

    /// <summary>The person unsubscribed from it.</summary>
    Unsubscribed,

    /// <summary>It bounced or failed.</summary>
    Bounced,
}

/// <summary>
/// The names of the events our own messages come back as (<c>Message Sent</c>, <c>Email Opened</c>,
/// <c>Email Link Clicked</c>, <c>Unsubscribed</c>, …), in one place: touchpoints, visits and channel KPIs read them
/// from here. Such an event names its channel in <c>properties.channel</c> (or <c>context.channel</c>, or by its
/// name, as <c>Email Opened</c> does) and its campaign in <c>properties.campaign</c> or <c>campaign_name</c>.
/// </summary>
public static class MessageEventKinds
{
    private static readonly FrozenDictionary<string, MessageEventKind> Kinds = new Dictionary<string, MessageEventKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["Message Sent"] = MessageEventKind.Sent,
        ["Email Sent"] = MessageEventKind.Sent,
        ["SMS Sent"] = MessageEventKind.Sent,
        ["Push Sent"] = MessageEventKind.Sent,
        ["Push Notification Sent"] = MessageEventKind.Sent,
        ["In-App Message Sent"] = MessageEventKind.Sent,
        ["Message Delivered"] = MessageEventKind.Delivered,
        ["Email Delivered"] = MessageEventKind.Delivered,
        ["SMS Delivered"] = MessageEventKind.Delivered,
        ["Push Delivered"] = MessageEventKind.Delivered,
        ["Push Notification Delivered"] = MessageEventKind.Delivered,
        ["In-App Message Delivered"] = MessageEventKind.Delivered,
        ["Message Opened"] = MessageEventKind.Opened,
        ["Email Opened"] = MessageEventKind.Opened,
        ["Push Opened"] = MessageEventKind.Opened,
        ["Push Notification Opened"] = MessageEventKind.Opened,
        ["Push Notification Tapped"] = MessageEventKind.Opened,
        ["In-App Message Viewed"] = MessageEventKind.Opened,
        ["In-App Message Opened"] = MessageEventKind.Opened,
        ["Message Clicked"] = MessageEventKind.Clicked,
        ["Message Link Clicked"] = MessageEventKind.Clicked,
        ["Link Clicked"] = MessageEventKind.Clicked,
        ["Email Link Clicked"] = MessageEventKind.Clicked,
        ["SMS Link Clicked"] = MessageEventKind.Clicked,
        ["Push Link Clicked"] = MessageEventKind.Clicked,
        ["In-App Message Clicked"] = MessageEventKind.Clicked,
        ["Unsubscribed"] = MessageEventKind.Unsubscribed,
        ["Email Unsubscribed"] = MessageEventKind.Unsubscribed,
        ["SMS Unsubscribed"] = MessageEventKind.Unsubscribed,
        ["Email Marked as Spam"] = MessageEventKind.Unsubscribed,
        ["SMS Marked as Spam"] = MessageEventKind.Unsubscribed,
        ["Push Marked as Spam"] = MessageEventKind.Unsubscribed,
        ["In-App Message Marked as Spam"] = MessageEventKind.Unsubscribed,
        ["Message Bounced"] = MessageEventKind.Bounced,
        ["Email Bounced"] = MessageEventKind.Bounced,
        ["SMS Bounced"] = MessageEventKind.Bounced,
        ["Push Bounced"] = MessageEventKind.Bounced,
        ["In-App Message Bounced"] = MessageEventKind.Bounced,
        ["Message Failed"] = MessageEventKind.Bounced,
        ["SMS Failed"] = MessageEventKind.Bounced,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every message event name and what it reports, for documentation and pickers.</summary>
    public static IReadOnlyDictionary<string, MessageEventKind> All => Kinds;

    /// <summary>What an event named <paramref name="name"/> reports (case-insensitive); <see cref="MessageEventKind.None"/> for other events.</summary>
    public static MessageEventKind KindOf(string? name) =>
        name is not null && Kinds.TryGetValue(name, out var kind) ? kind : MessageEventKind.None;

    /// <summary>The lower-case word for a kind (<c>sent</c>, <c>opened</c>, …) as APIs write it.</summary>
    public static string Word(MessageEventKind kind) => kind.ToString().ToLowerInvariant();
}
