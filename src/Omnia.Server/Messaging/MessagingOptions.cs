using System.Security.Cryptography;
using Omnia.Core.Messaging;
using Omnia.Storage.Sqlite;

namespace Omnia.Server.Messaging;

/// <summary>
/// How this node sends: the SMTP server (<c>OMNIA_SMTP_URL</c>; null: email is not configured), the sender address
/// (<c>OMNIA_MAIL_FROM</c>), Omnia's public base URL for tracking and unsubscribe links (<c>OMNIA_PUBLIC_URL</c>, else
/// the first listen URL), and the key that signs those links, kept in <c>message-tokens.key</c> in the data directory
/// (created on first start, readable only by its owner) so links keep working across restarts.
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
            Smtp = SmtpSettings.FromEnvironment();
        }
        catch (FormatException e)
        {
            SmtpProblem = e.Message;
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
