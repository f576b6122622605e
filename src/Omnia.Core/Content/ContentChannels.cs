using Omnia.Core.Touchpoints;

namespace Omnia.Core.Content;

/// <summary>
/// The channels content has variants for: the four a journey sends on (<c>email</c>, <c>sms</c>, <c>push</c>,
/// <c>in_app</c>, codes from <see cref="Channels"/>) and <c>web</c>, a personalisation slot on the site that is read,
/// not sent, and <c>webhook</c>, the body a journey's webhook step sends.
/// </summary>
public static class ContentChannels
{
    public const string Email = Channels.Email;
    public const string Sms = Channels.Sms;
    public const string Push = Channels.Push;
    public const string InApp = Channels.InApp;
    public const string Web = "web";
    public const string Webhook = "webhook";

    /// <summary>Every channel, in the order the JSON format, checks and the dashboard list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Email, Sms, Push, InApp, Web, Webhook];

    /// <summary>The key of a channel's variant in the JSON format (<c>inApp</c> for <c>in_app</c>).</summary>
    public static string JsonKey(string channel) => channel == InApp ? "inApp" : channel;
}
