using System.Diagnostics.CodeAnalysis;

namespace Omnia.Core.Demo;

/// <summary>
/// One script's events that are planned but not yet emitted, in timestamp order. Scripts plan a day
/// at a time and an email opened tomorrow may be planned today, so a small heap keeps them ordered.
/// </summary>
internal sealed class PendingEvents
{
    private readonly PriorityQueue<DemoEvent, (long Ticks, int Sequence)> _queue = new();
    private int _sequence;

    public int Count => _queue.Count;

    public void Add(DemoEvent e) => _queue.Enqueue(e, (e.Timestamp.UtcTicks, _sequence++));

    /// <summary>Takes the earliest event if it is before <paramref name="boundary"/>.</summary>
    public bool TryTakeBefore(DateTimeOffset boundary, [MaybeNullWhen(false)] out DemoEvent next)
    {
        if (_queue.TryPeek(out next, out _) && next.Timestamp < boundary)
        {
            _queue.Dequeue();
            return true;
        }

        next = null;
        return false;
    }
}
