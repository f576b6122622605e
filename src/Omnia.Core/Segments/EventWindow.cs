namespace Omnia.Core.Segments;

/// <summary>
/// Which events of a condition count by their time. An event given to the evaluator counts as having
/// happened, even if its timestamp is after now (clock skew).
/// </summary>
public abstract record EventWindow
{
    private protected EventWindow()
    {
    }

    /// <summary>Every event, however old (the JSON leaves <c>window</c> out).</summary>
    public static EventWindow Ever { get; } = new EverWindow();
}

/// <summary>All events, however old.</summary>
public sealed record EverWindow : EventWindow;

/// <summary>
/// Events in the last <see cref="Duration"/> (<c>{"last":"7d"}</c>): an event at time e counts while
/// <c>now &lt; e + duration</c>, so it leaves the window at exactly <c>e + duration</c>.
/// </summary>
public sealed record LastWindow(SegmentDuration Duration) : EventWindow;

/// <summary>
/// Events from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive) (<c>{"from":"…","to":"…"}</c>);
/// either may be open. Independent of now.
/// </summary>
public sealed record BetweenWindow(DateTimeOffset? From, DateTimeOffset? To) : EventWindow
{
    internal bool Contains(DateTimeOffset timestamp) =>
        (From is not { } from || timestamp >= from) && (To is not { } to || timestamp < to);
}
