using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Omnia.Server.Messaging;

/// <summary>
/// Builds the MIME message: <c>multipart/alternative</c> with the text and HTML parts (one part when only one is
/// given), the preheader as hidden text at the top of the HTML, <c>Message-ID</c> from the message id, and the
/// unsubscribe headers: <c>List-Unsubscribe: &lt;https://…&gt;, &lt;mailto:…&gt;</c> and, when an https URL is given,
/// <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058 §3.1: the POST target must be an https URI).
/// </summary>
public static class EmailComposer
{
    public const string MessageIdHeader = "X-Omnia-Message-Id";

    /// <exception cref="ArgumentException">The addresses cannot be parsed, or there is no body.</exception>
    public static MimeMessage Compose(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!MailboxAddress.TryParse(email.From, out var from))
            throw new ArgumentException($"'{email.From}' is not a sender address such as \"Shop <news@shop.example>\".", nameof(email));
        if (!MailboxAddress.TryParse(email.To, out var to))
            throw new ArgumentException($"'{email.To}' is not an email address.", nameof(email));
        var content = email.Content;
        if (string.IsNullOrEmpty(content.Html) && string.IsNullOrEmpty(content.Text))
            throw new ArgumentException("The email has neither an HTML nor a text body.", nameof(email));

        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = content.Subject ?? "";
        message.MessageId = MessageIdFor(email.MessageId, from.Domain);
        message.Headers.Add(MessageIdHeader, email.MessageId);

        var unsubscribe = new List<string>();
        if (email.UnsubscribeUrl is { } url)
            unsubscribe.Add($"<{url}>");
        if (email.UnsubscribeMailto is { } mailto)
            unsubscribe.Add($"<{mailto}>");
        if (unsubscribe.Count > 0)
            message.Headers.Add("List-Unsubscribe", string.Join(", ", unsubscribe));
        if (email.UnsubscribeUrl is { } oneClick && oneClick.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        TextPart? text = content.Text is { Length: > 0 } t ? new TextPart(TextFormat.Plain) { Text = t } : null;
        TextPart? html = content.Html is { Length: > 0 } h ? new TextPart(TextFormat.Html) { Text = WithPreheader(h, content.Preheader) } : null;
        foreach (var part in new[] { text, html })
            part?.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.Body = text is not null && html is not null
            ? new MultipartAlternative { text, html }
            : (MimeEntity?)html ?? text!;
        return message;
    }

    /// <summary><c>&lt;{id with unsafe characters replaced}@{domain}&gt;</c>, stable for the same message.</summary>
    public static string MessageIdFor(string messageId, string domain)
    {
        var local = new StringBuilder(messageId.Length);
        foreach (var c in messageId)
            local.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or '=' ? c : '.');
        return $"{local.ToString().Trim('.')}@{(string.IsNullOrEmpty(domain) ? "omnia.invalid" : domain)}";
    }

    private static string WithPreheader(string html, string? preheader)
    {
        if (string.IsNullOrWhiteSpace(preheader))
            return html;
        var hidden = $"<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">{WebUtility.HtmlEncode(preheader)}</div>";
        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var close = body >= 0 ? html.IndexOf('>', body) : -1;
        return close >= 0 ? html.Insert(close + 1, hidden) : hidden + html;
    }
}
