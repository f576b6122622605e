namespace Omnia.Core.Messaging;

/// <summary>Where an in-app message stands for its person.</summary>
public enum InboxState : byte
{
    /// <summary>Delivered to the inbox, not shown yet.</summary>
    New = 0,

    /// <summary>Shown (the app reported it viewed); still offered until clicked, dismissed or expired.</summary>
    Viewed = 1,

    /// <summary>Its button or link was used; no longer offered.</summary>
    Clicked = 2,

    /// <summary>Closed without acting; no longer offered.</summary>
    Dismissed = 3,
}

/// <summary>
/// An in-app message a journey sent a person, rendered for them when it was sent, waiting for the site or app to
/// fetch it (<c>GET /v1/in-app</c>). <see cref="Key"/> is the outbox key, which is also the message's id in its events.
/// </summary>
public sealed record InboxMessage(
    string Key, int WorkspaceId, long ProfileId, string? Campaign, string? Content, string? Title, string? Body, string? Button, string? Link,
    DateTimeOffset SentAt, DateTimeOffset ExpiresAt)
{
    public InboxState State { get; init; }
}

/// <summary>The in-app inbox (personal data: erased with the profile).</summary>
public interface IInboxStore
{
    /// <summary>Stores a message; a second put under the same key is ignored (a resend after a crash).</summary>
    ValueTask PutAsync(InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>The profile's messages still offered at <paramref name="now"/> (new or viewed, not expired), newest first.</summary>
    ValueTask<IReadOnlyList<InboxMessage>> OfferedAsync(int workspaceId, long profileId, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    ValueTask<InboxMessage?> GetAsync(int workspaceId, string key, CancellationToken cancellationToken = default);

    /// <summary>Moves a message on (viewed, clicked, dismissed); never back to an earlier state.</summary>
    ValueTask SetStateAsync(string key, InboxState state, CancellationToken cancellationToken = default);

    ValueTask DeleteProfilesAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);
}
