using MailKit.Security;

namespace Omnia.Server.Messaging;

/// <summary>
/// Where email goes, from <c>OMNIA_SMTP_URL</c>: <c>smtp://host:port</c> (plain, upgraded with STARTTLS when the
/// server offers it; port 25 by default), <c>smtps://host:port</c> (TLS from the first byte; port 465 by default), with
/// optional user info for SMTP AUTH: <c>smtp://user:pass@host:587</c> (percent-encode <c>@ : /</c> in them).
/// </summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    /// <summary>The environment variable that configures email.</summary>
    public const string Variable = "OMNIA_SMTP_URL";

    /// <summary>The settings from <c>OMNIA_SMTP_URL</c>, or null when it is not set.</summary>
    /// <exception cref="FormatException">It is set but is not an SMTP URL; the message says what to write.</exception>
    public static SmtpSettings? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? Parse(url) : null;

    /// <exception cref="FormatException">Not an smtp:// or smtps:// URL with a host.</exception>
    public static SmtpSettings Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Scheme is not ("smtp" or "smtps"))
            throw new FormatException($"{Variable} '{Redact(url)}' is not an SMTP URL; use smtp://host:port, smtps://host:port or smtp://user:password@host:port.");
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
            throw new FormatException($"{Variable} '{Redact(url)}' has a path or query, which SMTP URLs do not take; use smtp://host:port.");
        var secure = uri.Scheme == "smtps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (secure ? 465 : 25) : uri.Port;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        return new SmtpSettings(uri.IdnHost, port, secure ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, user, password);
    }

    /// <summary>The URL without its password, for logs and errors.</summary>
    public override string ToString() =>
        $"{(Security == SecureSocketOptions.SslOnConnect ? "smtps" : "smtp")}://{(UserName is null ? "" : Uri.EscapeDataString(UserName) + ":***@")}{Host}:{Port}";

    private static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "***@" + url[(at + 1)..] : url;
    }
}
