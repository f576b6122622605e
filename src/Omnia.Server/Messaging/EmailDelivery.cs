using Omnia.Core.Messaging;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Messaging;

/// <summary>
/// Email over SMTP (<see cref="SmtpMailer"/>, <c>OMNIA_SMTP_URL</c>): the HTML gets the open pixel and tracked links, the
/// message carries RFC 8058 one-click unsubscribe headers, and its <c>Message-ID</c> comes from the outbox key, so a
/// resend after a crash is recognisable as the same message. An SMTP 5xx is a hard bounce.
/// </summary>
public sealed class EmailDelivery(MessagingOptions options) : IMessageDelivery
{
    private readonly SmtpMailer? _mailer = options.Smtp is { } smtp ? new SmtpMailer(smtp) : null;

    public string Channel => Channels.Email;

    public string? Unavailable => _mailer is null ? options.SmtpProblem ?? $"email is not configured: set {SmtpSettings.Variable} (smtp://host:port)" : null;

    public string? UnsubscribeUrl(MessageIdentity identity) => options.Links.Unsubscribe(identity);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_mailer is null)
            return new DeliveryResult(ProviderOutcome.Rejected, "smtp", null, Unavailable!);
        var content = message.Content;
        if (content.Html is { } html)
            content = content with { Html = options.Links.TrackHtml(html, message.Identity, message.At, message.UnsubscribeUrl) };
        var result = await _mailer.SendAsync(new OutgoingEmail(options.From, message.Address, content, message.Identity.MessageId, message.UnsubscribeUrl), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            EmailOutcome.Sent => new DeliveryResult(ProviderOutcome.Sent, "smtp", result.MessageIdHeader, $"sent as {result.MessageIdHeader}"),
            EmailOutcome.Rejected => new DeliveryResult(ProviderOutcome.Rejected, "smtp", null, $"refused by the SMTP server: {result.Detail}") { HardBounce = true },
            _ => new DeliveryResult(ProviderOutcome.Failed, "smtp", null, $"SMTP: {result.Detail}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_mailer is not null)
            await _mailer.DisposeAsync().ConfigureAwait(false);
    }
}
