using Omnia.Core.Events;

namespace Omnia.Core.Processing;

/// <summary>
/// Reads the log in chunks one step ahead of the processor: when a full chunk is taken, the next one is read on
/// another thread while the caller applies this one, so a rebuild or a catch-up costs max(read, apply) per chunk
/// instead of their sum. Not thread-safe: one consumer (the processing loop).
/// </summary>
public sealed class LogReadAhead(IEventStore log, int chunk)
{
    private Task<IReadOnlyList<LogEvent>>? _next;
    private long _nextAfter = -1;

    /// <summary>The chunk size read at a time.</summary>
    public int Chunk => chunk;

    /// <summary>
    /// The events after <paramref name="afterSeq"/> (at most <see cref="Chunk"/>). A chunk read ahead for the same
    /// position is used; another one is dropped. After a full chunk the next read starts at once in the background.
    /// </summary>
    public async ValueTask<IReadOnlyList<LogEvent>> ReadAfterAsync(long afterSeq, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LogEvent> events;
        if (_next is { } pending && _nextAfter == afterSeq)
        {
            _next = null;
            events = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await DropAsync().ConfigureAwait(false);
            events = await log.ReadAfterAsync(afterSeq, chunk, cancellationToken).ConfigureAwait(false);
        }

        if (events.Count == chunk)
        {
            _nextAfter = events[^1].Seq;
            var after = _nextAfter;
            _next = Task.Run(async () => await log.ReadAfterAsync(after, chunk, CancellationToken.None).ConfigureAwait(false), CancellationToken.None);
        }

        return events;
    }

    /// <summary>
    /// Forgets a chunk read ahead (call before the log changes under it: an erasure, retention) and waits for its
    /// read to end.
    /// </summary>
    public async ValueTask DropAsync()
    {
        if (_next is not { } pending)
            return;
        _next = null;
        _nextAfter = -1;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The read failed; it is read again when it is asked for.
        }
    }
}
