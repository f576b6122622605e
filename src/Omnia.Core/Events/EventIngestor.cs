using System.Threading.Channels;

namespace Omnia.Core.Events;

/// <summary>
/// Group commit in front of the event log: concurrent requests queue their events, one writer takes
/// everything that is waiting and appends it in a single transaction, so many requests share one
/// fsync. A request is answered only after its events are durable.
/// </summary>
public sealed class EventIngestor : IAsyncDisposable
{
    private readonly IEventStore _store;
    private readonly int _maxEventsPerCommit;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly CommittedEvents? _committed;
    private long _commits;
    private long _appended;
    private long _lastSeq;

    public EventIngestor(IEventStore store, int maxEventsPerCommit = 20_000, CommittedEvents? committed = null)
    {
        _store = store;
        _maxEventsPerCommit = maxEventsPerCommit;
        _committed = committed;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Raised on the writer thread after each commit with the highest new log position.</summary>
    public event Action<long>? Committed;

    /// <summary>Number of transactions committed so far (each one fsync).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The log position of the last event appended through this ingestor (0 before the first).</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>Number of events appended so far (duplicates not counted).</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Queues the events and completes once they are durable in the log.</summary>
    public Task<AppendOutcome> AppendAsync(IReadOnlyList<LogEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return Task.FromResult(new AppendOutcome(0, 0, 0));
        }

        var pending = new Pending(events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The ingestor is shutting down.");
        }

        // The caller may stop waiting, but a queued event is still written: it may already be in the batch.
        return cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var events = new List<LogEvent>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            events.Clear();
            while (events.Count < _maxEventsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.AddRange(pending.Events);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var seqs = new long[events.Count];
            try
            {
                await _store.AppendAsync(events, seqs).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }

                continue;
            }

            Interlocked.Increment(ref _commits);
            _committed?.Add(Positioned(events, seqs));
            long maxSeq = 0;
            int offset = 0;
            foreach (var pending in batch)
            {
                int appended = 0;
                long last = 0;
                for (int i = 0; i < pending.Events.Count; i++)
                {
                    long seq = seqs[offset + i];
                    if (seq != 0)
                    {
                        appended++;
                        last = seq;
                    }
                }

                offset += pending.Events.Count;
                maxSeq = Math.Max(maxSeq, last);
                Interlocked.Add(ref _appended, appended);
                pending.Completion.TrySetResult(new AppendOutcome(appended, pending.Events.Count - appended, last));
            }

            if (maxSeq > 0)
            {
                Interlocked.Exchange(ref _lastSeq, maxSeq);
                Committed?.Invoke(maxSeq);
            }
        }
    }

    /// <summary>The events that were appended (not duplicates), each with its log position.</summary>
    private static IEnumerable<LogEvent> Positioned(List<LogEvent> events, long[] seqs)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (seqs[i] != 0)
            {
                yield return events[i] with { Seq = seqs[i] };
            }
        }
    }

    /// <summary>Stops taking events and waits until everything queued is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed class Pending(IReadOnlyList<LogEvent> events)
    {
        public IReadOnlyList<LogEvent> Events { get; } = events;

        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
