using System.Text;

namespace Omnia.Core.Events;

/// <summary>
/// One event in the append-only log: the canonical Segment JSON (UTF-8) plus the columns the log indexes.
/// <see cref="Seq"/> is 0 until the log assigns the event its position.
/// </summary>
/// <param name="Json">The event as stored, as UTF-8 JSON: the received JSON with <c>type</c>, <c>messageId</c>,
/// corrected <c>timestamp</c>, <c>originalTimestamp</c>, <c>sentAt</c> and <c>receivedAt</c> filled in. Kept as bytes
/// from the request to the log and back, so that nothing transcodes it to UTF-16 on the hot paths.</param>
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
    ReadOnlyMemory<byte> Json)
{
    /// <summary>An event whose JSON is given as text.</summary>
    public LogEvent(
        long seq, int workspaceId, int sourceId, string messageId, EventType type, string? name, string? userId, string? anonymousId,
        DateTimeOffset timestamp, DateTimeOffset receivedAt, string json)
        : this(seq, workspaceId, sourceId, messageId, type, name, userId, anonymousId, timestamp, receivedAt, Encoding.UTF8.GetBytes(json))
    {
    }

    /// <summary>The JSON as text (for display and tools, not for hot paths).</summary>
    public string JsonText => Encoding.UTF8.GetString(Json.Span);
}
