namespace Omnia.Core.Events;

/// <summary>
/// One event in the append-only log: the canonical Segment JSON plus the columns the log indexes.
/// <see cref="Seq"/> is 0 until the log assigns the event its position.
/// </summary>
/// <param name="Json">The event as stored: the received JSON with <c>type</c>, <c>messageId</c>,
/// corrected <c>timestamp</c>, <c>originalTimestamp</c>, <c>sentAt</c> and <c>receivedAt</c> filled in.</param>
public sealed record LogEvent(
    long Seq,
    int WorkspaceId,
    int SourceId,
    string MessageId,
    EventType Type,
    string? Name,
    string? UserId,
    string? AnonymousId,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    string Json);
