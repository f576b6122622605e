using System.Security.Cryptography;
using Omnia.Core.Messaging;
using Omnia.Storage.Sqlite;

namespace Omnia.Server.Messaging;

/// <summary>
/// How this node sends: the SMTP server (<see cref="OmniaServerOptions.SmtpUrl"/>, from <c>OMNIA_SMTP_URL</c>; null: email is not configured), the sender address
/// (<c>OMNIA_MAIL_FROM</c>), Omnia's public base URL for tracking and unsubscribe links (<c>OMNIA_PUBLIC_URL</c>, else
/// the first listen URL), and the key that signs those links, kept in <c>message-tokens.key</c> in the data directory
/// (created on first start, readable only by its owner) so links keep working across restarts. SMS goes through Twilio
/// (<see cref="TwilioSettings.FromEnvironment"/>, <c>OMNIA_TWILIO_*</c>) and push through FCM
/// (<see cref="FcmSettings.FromEnvironment"/>, <c>OMNIA_FCM_*</c>), read from <see cref="OmniaServerOptions.ChannelSettings"/>.
/// A setting that is present but wrong does not stop the node: it becomes the channel's problem (<see cref="SmtpProblem"/>,
/// <see cref="TwilioProblem"/>, <see cref="FcmProblem"/>), logged at start and recorded on every message that needed it.
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>The sender when <c>OMNIA_MAIL_FROM</c> is not set.</summary>
    public const string DefaultFrom = "Omnia <omnia@localhost>";

    public MessagingOptions(OmniaServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            Smtp = server.SmtpUrl is { } smtpUrl ? SmtpSettings.Parse(smtpUrl) : null;
        }
        catch (FormatException e)
        {
            SmtpProblem = e.Message;
        }

        try
        {
            Twilio = TwilioSettings.FromEnvironment(server.ChannelSettings);
        }
        catch (FormatException e)
        {
            TwilioProblem = e.Message;
        }

        try
        {
            Fcm = FcmSettings.FromEnvironment(server.ChannelSettings);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentException)
        {
            FcmProblem = $"OMNIA_FCM_SERVICE_ACCOUNT could not be read: {e.Message}";
        }

        From = Environment.GetEnvironmentVariable("OMNIA_MAIL_FROM") is { Length: > 0 } from ? from : DefaultFrom;
        var publicUrl = Environment.GetEnvironmentVariable("OMNIA_PUBLIC_URL") is { Length: > 0 } url ? url : server.Urls.FirstOrDefault() ?? "http://127.0.0.1:5000";
        PublicUrl = new Uri(publicUrl.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        Tokens = new MessageTokens(LoadKey(Path.Combine(server.DataDirectory, "message-tokens.key")));
        Links = new TrackingLinks(Tokens, PublicUrl);
    }

    /// <summary>The SMTP server, or null when email is not configured.</summary>
    public SmtpSettings? Smtp { get; }

    /// <summary>Why <c>OMNIA_SMTP_URL</c> could not be read, when it is set but wrong.</summary>
    public string? SmtpProblem { get; }

    /// <summary>Twilio, or null when SMS is not configured.</summary>
    public TwilioSettings? Twilio { get; }

    /// <summary>Why the <c>OMNIA_TWILIO_*</c> settings could not be used, when they are set but incomplete.</summary>
    public string? TwilioProblem { get; }

    /// <summary>Firebase Cloud Messaging, or null when push is not configured.</summary>
    public FcmSettings? Fcm { get; }

    /// <summary>Why the <c>OMNIA_FCM_*</c> settings could not be used (an unreadable or malformed key, a bad URL).</summary>
    public string? FcmProblem { get; }

    public string From { get; }

    public Uri PublicUrl { get; }

    public MessageTokens Tokens { get; }

    public TrackingLinks Links { get; }

    private static byte[] LoadKey(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: >= 32 } existing)
            return existing;
        var key = RandomNumberGenerator.GetBytes(32);
        PrivateFiles.CreateFile(path);
        File.WriteAllBytes(path, key);
        return key;
    }
}
