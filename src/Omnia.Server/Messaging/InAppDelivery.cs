using Omnia.Core.Messaging;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Messaging;

/// <summary>
/// In-app messages: "sending" puts the message, rendered for the person now, into their inbox (<see cref="IInboxStore"/>),
/// from which the site or app fetches it (<c>GET /v1/in-app</c>, <see cref="InAppApi"/>) for <see cref="Lifetime"/>.
/// Viewed and clicked come back as <c>In-App Message Opened</c> / <c>Clicked</c> events. The provider is Omnia itself,
/// so a resend after a crash is ignored by the inbox's key: in-app messages are delivered exactly once.
/// </summary>
public sealed class InAppDelivery(IInboxStore inbox) : IMessageDelivery
{
    /// <summary>How long a message stays on offer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public string Channel => Channels.InApp;

    public string? Unavailable => null;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var rendered = message.Content;
        if (string.IsNullOrWhiteSpace(rendered.Title) && string.IsNullOrWhiteSpace(rendered.Body))
            return new DeliveryResult(ProviderOutcome.Rejected, "omnia", null, "the in-app message rendered without a title or body; nothing to show");
        var identity = message.Identity;
        await inbox.PutAsync(new InboxMessage(identity.MessageId, identity.WorkspaceId, identity.ProfileId, identity.Campaign, null,
            rendered.Title, rendered.Body, rendered.Button, rendered.Link, message.At, message.At + Lifetime), cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(ProviderOutcome.Sent, "omnia", identity.MessageId, "in the person's in-app inbox");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
