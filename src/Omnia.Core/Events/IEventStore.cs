namespace Omnia.Core.Events;

/// <summary>
/// The append-only event log, the source of truth. Implemented by the embedded SQLite store and the
/// PostgreSQL store; both pass the shared storage test suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends the events in one durable transaction (it returns only after the commit is on disk).
    /// An event whose (workspace, messageId) is already in the log is skipped: its slot in
    /// <paramref name="assignedSeqs"/> is 0; the others get their log position.
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<LogEvent> events, long[] assignedSeqs, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> events after position <paramref name="afterSeq"/>, in log order.</summary>
    ValueTask<IReadOnlyList<LogEvent>> ReadAfterAsync(long afterSeq, int max, CancellationToken cancellationToken = default);

    /// <summary>The logged events at these positions, in the order given (positions not in the log are skipped).</summary>
    ValueTask<IReadOnlyList<LogEvent>> ReadAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the events at these positions for good (an erasure, or events past the retention), overwriting what they
    /// held. The log is append-only otherwise.
    /// </summary>
    ValueTask<long> DeleteAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default);

    /// <summary>Makes deletions final on disk (no copy left in a write-ahead log).</summary>
    ValueTask ScrubAsync(CancellationToken cancellationToken = default);

    /// <summary>The position of the last event in the log, 0 when empty.</summary>
    ValueTask<long> LastSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest events of a workspace (by log position), newest first.</summary>
    ValueTask<IReadOnlyList<LogEvent>> LatestAsync(int workspaceId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest events of a workspace before log position <paramref name="beforeSeq"/>, newest first: pass the last
    /// position of one page to read the next, so a long read back through the log holds one page at a time.
    /// </summary>
    ValueTask<IReadOnlyList<LogEvent>> LatestBeforeAsync(int workspaceId, long beforeSeq, int limit, CancellationToken cancellationToken = default);
}
