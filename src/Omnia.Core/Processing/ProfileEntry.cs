using Omnia.Core.Audiences;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Processing;

/// <summary>
/// Everything held in memory about one live profile: its state, its behaviour (every event as a small
/// <see cref="ProfileEvent"/>, in timestamp order, equal timestamps in log order), its audiences and the merges
/// it absorbed. Only the processing thread changes an entry, under <see cref="DerivedState"/>'s write lock.
/// </summary>
internal sealed class ProfileEntry(ProfileState state)
{
    private ProfileEvent[] _events = [];

    public ProfileState State { get; } = state;

    public long Id => State.Id;

    public int WorkspaceId => State.WorkspaceId;

    public int EventCount { get; private set; }

    /// <summary>The events in timestamp order (a view of the live array: copy it to keep it).</summary>
    public ReadOnlySpan<ProfileEvent> Events => _events.AsSpan(0, EventCount);

    /// <summary>Where the profile stands in its workspace's audiences; null until first evaluated.</summary>
    public StoredAudience? Audience { get; set; }

    /// <summary>The profiles merged into this one, oldest first.</summary>
    public MergeRecord[] Merges { get; set; } = [];

    /// <summary>The profile's journey instances still at a step or watching for their goal.</summary>
    public Journeys.JourneyInstance[] Instances { get; set; } = [];

    /// <summary>Every finished entry into a journey (for once-only, cooldown and one-at-a-time rules).</summary>
    public (long JourneyId, Journeys.EntryRecord Record)[] EntryLog { get; set; } = [];

    /// <summary>The next occurrence of each date-triggered journey for this profile (its date trait).</summary>
    public (long JourneyId, Journeys.DateOccurrence Next)[] DateWakes { get; set; } = [];

    /// <summary>The snapshot this entry was last written to (see <see cref="SnapshotWriter"/>).</summary>
    public int SnapshotEpoch { get; set; }

    /// <summary>The events as a list the evaluator reads without copying.</summary>
    public ArraySegment<ProfileEvent> EventList => new(_events, 0, EventCount);

    /// <summary>Adds an event in its place: after every event with an earlier time, or the same time and an earlier position.</summary>
    public void Add(in ProfileEvent e)
    {
        if (EventCount == _events.Length)
            Array.Resize(ref _events, Math.Max(4, EventCount * 2));
        var at = EventCount;
        while (at > 0 && IsAfter(in _events[at - 1], in e))
            at--;
        if (at < EventCount)
            Array.Copy(_events, at, _events, at + 1, EventCount - at);
        _events[at] = e;
        EventCount++;
    }

    /// <summary>Replaces all events (snapshot load): they must already be in order.</summary>
    public void SetEvents(ProfileEvent[] events, int count)
    {
        _events = events;
        EventCount = count;
    }

    /// <summary>Replaces the event at an index with a copy that differs only in its properties.</summary>
    public void ReplaceProperties(int index, Omnia.Core.Events.EventProperties properties) =>
        _events[index] = _events[index].WithProperties(properties);

    /// <summary>Takes in the events of a profile merged into this one (two sorted runs merged into one).</summary>
    public void AddAll(ReadOnlySpan<ProfileEvent> other)
    {
        if (other.IsEmpty)
            return;
        var merged = new ProfileEvent[Math.Max(4, EventCount + other.Length)];
        int i = 0, j = 0, k = 0;
        var mine = Events;
        while (i < mine.Length && j < other.Length)
            merged[k++] = IsAfter(in mine[i], in other[j]) ? other[j++] : mine[i++];
        while (i < mine.Length)
            merged[k++] = mine[i++];
        while (j < other.Length)
            merged[k++] = other[j++];
        _events = merged;
        EventCount = k;
    }

    /// <summary>Gives back unused room in the event array (after loading, or when it is much larger than needed).</summary>
    public void Trim()
    {
        if (_events.Length > EventCount + 4)
            Array.Resize(ref _events, EventCount);
    }

    private static bool IsAfter(in ProfileEvent a, in ProfileEvent b) =>
        a.UtcTicks > b.UtcTicks || (a.UtcTicks == b.UtcTicks && a.Seq > b.Seq);
}
