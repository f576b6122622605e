using Omnia.Core.Touchpoints;

namespace Omnia.Server.Messaging;

/// <summary>
/// SMS through Twilio's Messages API (<see cref="TwilioSmsSender"/>, <c>OMNIA_TWILIO_*</c>) to the profile's phone in
/// E.164. The provider id is Twilio's message SID. Twilio takes no idempotency key: a crash between the request and
/// the outbox update may send the text twice (docs/messaging.md).
/// </summary>
public sealed class SmsDelivery(MessagingOptions options, HttpClient http) : IMessageDelivery
{
    private readonly TwilioSmsSender? _sender = options.Twilio is { } twilio ? new TwilioSmsSender(http, twilio) : null;

    public string Channel => Channels.Sms;

    public string? Unavailable => _sender is null
        ? options.TwilioProblem ?? "SMS is not configured: set OMNIA_TWILIO_ACCOUNT_SID, OMNIA_TWILIO_AUTH_TOKEN and OMNIA_TWILIO_FROM (or OMNIA_TWILIO_MESSAGING_SERVICE_SID)"
        : null;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_sender is null)
            return new DeliveryResult(ProviderOutcome.Rejected, "twilio", null, Unavailable!);
        if (string.IsNullOrWhiteSpace(message.Content.Text))
            return new DeliveryResult(ProviderOutcome.Rejected, "twilio", null, "the SMS text rendered empty; nothing to send");
        return DeliveryResult.From("twilio", await _sender.SendAsync(message.Address, message.Content.Text, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
