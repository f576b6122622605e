namespace Omnia.Core.Events;

/// <summary>
/// The events most recently committed to the log, kept in memory for the processor, so that while it keeps up it
/// reads nothing back from the log. Bounded: when the processor falls behind, the oldest are dropped and it reads
/// those from the log instead. Safe for one writer (the ingestor) and one reader (the processor).
/// </summary>
public sealed class CommittedEvents(int capacity = 65_536)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogEvent> _events = new();

    /// <summary>Events held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Adds events that were just committed (with their log positions), in log order.</summary>
    public void Add(IEnumerable<LogEvent> committed)
    {
        lock (_gate)
        {
            foreach (var e in committed)
                _events.Enqueue(e);
            while (_events.Count > capacity)
                _events.Dequeue();
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> events that follow log position <paramref name="afterSeq"/> without a gap, dropping
    /// those at or before it; null when the next one is not held (read the log instead).
    /// </summary>
    public List<LogEvent>? TakeAfter(long afterSeq, int max)
    {
        lock (_gate)
        {
            while (_events.TryPeek(out var first) && first.Seq <= afterSeq)
                _events.Dequeue();
            if (!_events.TryPeek(out var next) || next.Seq != afterSeq + 1)
                return null;
            var taken = new List<LogEvent>(Math.Min(max, _events.Count));
            long expected = afterSeq + 1;
            while (taken.Count < max && _events.TryPeek(out var e) && e.Seq == expected)
            {
                taken.Add(_events.Dequeue());
                expected++;
            }

            return taken;
        }
    }
}
