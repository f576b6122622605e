using Omnia.Core.Content;

namespace Omnia.Server.Messaging;

/// <summary>
/// One personalised email ready for SMTP: sender and recipient, the rendered content, the message id (a journey send's
/// effect key; it becomes the <c>Message-ID</c> header and <c>X-Omnia-Message-Id</c>), and the unsubscribe links for
/// the <c>List-Unsubscribe</c> headers.
/// </summary>
/// <param name="From">The sender, <c>"Shop &lt;news@shop.example&gt;"</c> or a bare address.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="UnsubscribeUrl">An https URL that unsubscribes on a POST of <c>List-Unsubscribe=One-Click</c> (RFC 8058); null for none.</param>
/// <param name="UnsubscribeMailto">An optional <c>mailto:</c> alternative.</param>
public sealed record OutgoingEmail(string From, string To, RenderedMessage Content, string MessageId, string? UnsubscribeUrl, string? UnsubscribeMailto = null);

/// <summary>What happened to one email at the SMTP server.</summary>
public enum EmailOutcome
{
    /// <summary>The server accepted it (250 after DATA).</summary>
    Sent,

    /// <summary>The server refused the recipient or the message permanently (5xx): a hard bounce; do not retry.</summary>
    Rejected,

    /// <summary>A temporary failure (4xx, connection lost, timeout): retry later.</summary>
    Failed,
}

/// <summary>The result of sending one email: the outcome, the <c>Message-ID</c> used, and the server's words.</summary>
public sealed record EmailResult(EmailOutcome Outcome, string MessageIdHeader, string Detail);
