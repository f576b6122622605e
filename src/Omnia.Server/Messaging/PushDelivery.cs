using Omnia.Core.Touchpoints;

namespace Omnia.Server.Messaging;

/// <summary>
/// Push notifications through FCM HTTP v1 (<see cref="FcmPushSender"/>, <c>OMNIA_FCM_*</c>) to the profile's latest push
/// token (<c>context.device.token</c>), with OAuth access tokens from the service account (<see cref="GoogleAccessTokens"/>).
/// The provider id is FCM's message name. FCM takes no idempotency key: a crash between the request and the outbox
/// update may notify twice (docs/messaging.md).
/// </summary>
public sealed class PushDelivery : IMessageDelivery
{
    private readonly MessagingOptions _options;
    private readonly FcmPushSender? _sender;

    public PushDelivery(MessagingOptions options, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.Fcm is { } fcm)
            _sender = new FcmPushSender(http, fcm, new GoogleAccessTokens(http, fcm.Key, FcmSettings.Scope, clock, fcm.TokenUrl));
    }

    public string Channel => Channels.Push;

    public string? Unavailable => _sender is null
        ? _options.FcmProblem ?? "push is not configured: set OMNIA_FCM_SERVICE_ACCOUNT to the path of a Firebase service account key (JSON)"
        : null;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_sender is null)
            return new DeliveryResult(ProviderOutcome.Rejected, "fcm", null, Unavailable!);
        return DeliveryResult.From("fcm", await _sender.SendAsync(message.Address, message.Content, message.Identity.MessageId, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
