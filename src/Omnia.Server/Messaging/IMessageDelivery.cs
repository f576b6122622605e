using Omnia.Core.Messaging;

namespace Omnia.Server.Messaging;

/// <summary>
/// One channel's way out (email over SMTP, SMS through Twilio, push through FCM, …). The <see cref="Dispatcher"/> does
/// the shared part — content, the contact policy, rendering, marking the outbox item <c>Sending</c>, recording the
/// outcome as a message event, retrying — and hands each message to the delivery of its channel. To add a channel,
/// write a class like <see cref="SmsDelivery"/> and list it in <see cref="MessageDeliveries.Create"/>.
/// </summary>
public interface IMessageDelivery : IAsyncDisposable
{
    /// <summary>The channel code (<see cref="Omnia.Core.Touchpoints.Channels"/>) this delivery sends on.</summary>
    string Channel { get; }

    /// <summary>Why this node cannot send on the channel (not configured, or configured wrongly); null when it can.</summary>
    string? Unavailable { get; }

    /// <summary>The one-click unsubscribe link a message on this channel carries and offers to the template; null for none.</summary>
    string? UnsubscribeUrl(MessageIdentity identity) => null;

    /// <summary>Sends one message; never throws for what the provider or the network does (see <see cref="DeliveryResult"/>).</summary>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
