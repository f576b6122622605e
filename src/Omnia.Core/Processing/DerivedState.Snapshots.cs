namespace Omnia.Core.Processing;

public sealed partial class DerivedState
{
    /// <summary>The number of the latest snapshot begun (entries remember the last one they were written to).</summary>
    internal int SnapshotEpoch { get; private set; }

    /// <summary>The snapshot being written, if any.</summary>
    internal SnapshotWriter? ActiveSnapshot { get; set; }

    /// <summary>Whether a snapshot is being written.</summary>
    public bool IsSnapshotting => Volatile.Read(ref _snapshotting) != 0;

    private int _snapshotting;

    /// <summary>Lets a snapshot under way write the entry as it is before it changes. Called under the write lock.</summary>
    internal void BeforeChange(ProfileEntry entry) => ActiveSnapshot?.Capture(entry);

    /// <summary>
    /// Starts a snapshot of the state as of now (the current <see cref="Checkpoint"/>). Call it on the processing
    /// thread, between runs; then call <see cref="SnapshotWriter.WriteTo"/> on another thread. Null while another
    /// snapshot is being written.
    /// </summary>
    public SnapshotWriter? BeginSnapshot(DerivedProcessor processor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(processor);
        Lock.EnterWriteLock();
        try
        {
            if (ActiveSnapshot is not null)
                return null;
            SnapshotEpoch++;
            var globals = SnapshotFormat.WriteGlobals(this, processor.Dirty, now);
            var keys = Partitions.Select(p => p.Keys.ToArray()).ToArray();
            var writer = new SnapshotWriter(this, SnapshotEpoch, Checkpoint, globals, keys);
            ActiveSnapshot = writer;
            Interlocked.Exchange(ref _snapshotting, 1);
            return writer;
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    /// <summary>Marks the end of <see cref="SnapshotWriter.WriteTo"/> for <see cref="IsSnapshotting"/>.</summary>
    internal void SnapshotEnded() => Interlocked.Exchange(ref _snapshotting, 0);

    /// <summary>Member lists and timers from the profiles' audiences (after a snapshot is loaded). Called under the write lock.</summary>
    internal void RebuildIndexes(IEnumerable<ProfileEntry> entries)
    {
        Members.Clear();
        Timers.Clear();
        entries = entries as ICollection<ProfileEntry> ?? entries.ToList();
        foreach (var entry in entries)
        {
            entry.SnapshotEpoch = SnapshotEpoch;
            if (entry.Audience is not { } audience)
                continue;
            foreach (var segment in audience.Segments)
            {
                if (!Members.TryGetValue(segment, out var members))
                {
                    members = new SegmentMembers(entry.WorkspaceId);
                    Members[segment] = members;
                }

                members.Add(entry.Id);
            }

            if (audience.NextChange is { } next)
                Timers.Enqueue(entry.Id, next.UtcTicks);
        }

        JourneyTimers.Clear();
        foreach (var entry in entries)
        {
            foreach (var instance in entry.Instances)
            {
                if (instance.WakeAt is { } wake)
                    JourneyTimers.Enqueue(new JourneyWake(entry.Id, instance.Id, 0), wake.UtcTicks);
            }

            foreach (var (journeyId, next) in entry.DateWakes)
                JourneyTimers.Enqueue(new JourneyWake(entry.Id, 0, journeyId), next.At.UtcTicks);
        }
    }

    /// <summary>Forgets everything (a rebuild from the start of the log follows). Not while a snapshot is written.</summary>
    public void Clear()
    {
        Lock.EnterWriteLock();
        try
        {
            if (ActiveSnapshot is not null)
                throw new InvalidOperationException("A snapshot is being written.");
            foreach (var partition in Partitions)
                partition.Clear();
            Workspaces.Clear();
            MergedInto.Clear();
            Members.Clear();
            Timers.Clear();
            JourneyTimers.Clear();
            JourneyCounters.Clear();
            NextBroadcasts.Clear();
            BroadcastCursors.Clear();
            Checkpoint = 0;
            NextProfileId = 1;
            NextTransitionId = 1;
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Puts profiles straight into an empty state, as if the log had produced them (benchmarks that generate millions
    /// of profiles without a log). The events must be in order and hold <paramref name="keptProperties"/>; the arrays
    /// are used as they are.
    /// </summary>
    internal void Load(IEnumerable<(Profiles.ProfileState State, Segments.ProfileEvent[] Events)> profiles, IEnumerable<string> keptProperties)
    {
        Lock.EnterWriteLock();
        try
        {
            var loaded = new List<ProfileEntry>();
            foreach (var (profile, events) in profiles)
            {
                var entry = new ProfileEntry(profile);
                entry.SetEvents(events, events.Length);
                Partitions[PartitionOf(profile.WorkspaceId, profile.Id)].Add(profile.Id, entry);
                loaded.Add(entry);
                NextProfileId = Math.Max(NextProfileId, profile.Id + 1);
            }

            foreach (var group in loaded.GroupBy(e => e.WorkspaceId))
            {
                var workspace = Workspace(group.Key);
                workspace.KeptProperties.UnionWith(keptProperties);
                foreach (var id in group.Select(e => e.Id).Order())
                    workspace.Added(id);
            }

            RebuildIndexes(loaded);
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }

    /// <summary>The members of a segment (for tests and tools): ascending ids.</summary>
    internal IReadOnlyList<long> MemberIds(long segmentId) => Members.TryGetValue(segmentId, out var members) ? members.After(long.MinValue, int.MaxValue) : [];
}
