using Omnia.Core.Content;
using Omnia.Core.Messaging;

namespace Omnia.Server.Messaging;

/// <summary>
/// A journey's message ready to leave: who and what it is (<see cref="Identity"/>, whose key is the outbox key), the
/// address on its channel (<see cref="ChannelAddresses"/>), the rendered content, its unsubscribe link, and when.
/// </summary>
public sealed record OutgoingMessage(MessageIdentity Identity, string Address, RenderedMessage Content, string? UnsubscribeUrl, DateTimeOffset At);

/// <summary>
/// What one delivery did: <see cref="ProviderOutcome.Sent"/> with the provider's id for the message (SMTP Message-ID,
/// Twilio SID, FCM message name); <see cref="ProviderOutcome.Rejected"/> for good, with the provider's words (recorded
/// <c>Message Bounced</c> when <see cref="HardBounce"/>, else <c>Message Failed</c>); or
/// <see cref="ProviderOutcome.Failed"/>, a temporary failure that is retried with backoff.
/// </summary>
public sealed record DeliveryResult(ProviderOutcome Outcome, string Provider, string? ProviderMessageId, string Detail)
{
    /// <summary>The refusal is a hard bounce of the address (an SMTP 5xx for the recipient).</summary>
    public bool HardBounce { get; init; }

    /// <summary>A delivery result from a provider call's result.</summary>
    public static DeliveryResult From(string provider, ProviderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DeliveryResult(result.Outcome, provider, result.ProviderId, result.Detail);
    }
}
