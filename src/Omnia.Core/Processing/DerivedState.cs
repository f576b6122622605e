using Omnia.Core.Analytics;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Lifecycle;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Processing;

/// <summary>
/// Everything derived from the event log, held in memory: identity graphs, profiles with their behaviour,
/// segment membership, lifecycle stages and personas, channel trends. <see cref="DerivedProcessor"/> is its only
/// writer (one thread, under the write lock); any thread reads it through <see cref="IProfileStore"/> and
/// <see cref="IAudienceStore"/>, which copy what they return. Profiles are grouped in partitions by a hash of
/// (workspace, profile): the unit a snapshot is laid out in and, later, the unit that nodes share.
/// </summary>
public sealed partial class DerivedState : IProfileStore, IAudienceStore
{
    /// <summary>How many partitions profiles are spread over.</summary>
    public const int PartitionCount = 16;

    private readonly IEventStore _log;
    private readonly ITransitionStore _transitions;

    public DerivedState(IEventStore log, ITransitionStore transitions)
    {
        _log = log;
        _transitions = transitions;
        for (var i = 0; i < PartitionCount; i++)
            Partitions[i] = [];
    }

    /// <summary>Guards every read from other threads against the processor's changes.</summary>
    internal ReaderWriterLockSlim Lock { get; } = new(LockRecursionPolicy.NoRecursion);

    internal Dictionary<long, ProfileEntry>[] Partitions { get; } = new Dictionary<long, ProfileEntry>[PartitionCount];

    internal Dictionary<int, WorkspaceState> Workspaces { get; } = [];

    /// <summary>Merged-away profile id → the profile it was merged into (which may itself have been merged since).</summary>
    internal Dictionary<long, long> MergedInto { get; } = [];

    /// <summary>Segment id → its members.</summary>
    internal Dictionary<long, SegmentMembers> Members { get; } = [];

    /// <summary>Profiles whose audiences change with time alone, by when (stale entries are skipped when popped).</summary>
    internal PriorityQueue<long, long> Timers { get; } = new();

    /// <summary>Journey instances and date triggers waiting for a time, by when (stale entries are skipped when popped).</summary>
    internal PriorityQueue<JourneyWake, long> JourneyTimers { get; } = new();

    /// <summary>The clock's reading at the processor's latest run (MinValue before the first).</summary>
    internal DateTimeOffset LastNow { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Live counts per journey.</summary>
    internal Dictionary<long, Journeys.JourneyCounters> JourneyCounters { get; } = [];

    /// <summary>The next broadcast of each scheduled journey (UTC ticks).</summary>
    internal Dictionary<long, long> NextBroadcasts { get; } = [];

    /// <summary>
    /// A broadcast under way: the last member id it reached, per journey. Not in snapshots: after a restart the
    /// occurrence (still in <see cref="NextBroadcasts"/> until it is done) starts over, and the entry rules turn away
    /// the members it had already reached.
    /// </summary>
    internal Dictionary<long, long> BroadcastCursors { get; } = [];

    /// <summary>The live counts of a journey (a copy), or null when nobody entered it yet.</summary>
    public Journeys.JourneyCounters? CountersOf(long journeyId) =>
        Read(() => JourneyCounters.TryGetValue(journeyId, out var counters) ? counters.Copy() : null);

    /// <summary>The journey instances of a profile (copies: instances are immutable records).</summary>
    public IReadOnlyList<Journeys.JourneyInstance> InstancesOf(long profileId) =>
        Read(() => Entry(Survivor(profileId))?.Instances.ToList() ?? []);

    /// <summary>The last log position reflected here.</summary>
    public long Checkpoint
    {
        get => Interlocked.Read(ref _checkpoint);
        internal set => Interlocked.Exchange(ref _checkpoint, value);
    }

    private long _checkpoint;

    /// <summary>The id the next new profile gets.</summary>
    public long NextProfileId { get; internal set; } = 1;

    /// <summary>The id the next recorded segment transition gets.</summary>
    public long NextTransitionId { get; internal set; } = 1;

    /// <summary>Number of live profiles in all workspaces.</summary>
    public long ProfileTotal
    {
        get
        {
            Lock.EnterReadLock();
            try
            {
                return Workspaces.Values.Sum(w => w.ProfileCount);
            }
            finally
            {
                Lock.ExitReadLock();
            }
        }
    }

    internal static int PartitionOf(int workspaceId, long profileId) =>
        (int)((ulong)HashCode.Combine(workspaceId, profileId) % PartitionCount);

    internal WorkspaceState Workspace(int workspaceId)
    {
        if (!Workspaces.TryGetValue(workspaceId, out var workspace))
        {
            workspace = new WorkspaceState(workspaceId);
            Workspaces[workspaceId] = workspace;
        }

        return workspace;
    }

    /// <summary>A live profile, or null. Callers hold a lock, or are the processor.</summary>
    internal ProfileEntry? Entry(long profileId)
    {
        foreach (var partition in Partitions)
        {
            if (partition.TryGetValue(profileId, out var entry))
                return entry;
        }

        return null;
    }

    /// <summary>A live profile of a known workspace, or null.</summary>
    internal ProfileEntry? Entry(int workspaceId, long profileId) =>
        Partitions[PartitionOf(workspaceId, profileId)].TryGetValue(profileId, out var entry) ? entry : null;

    /// <summary>Follows merges from an id to the live profile that holds it now (the id itself when it is live or unknown).</summary>
    internal long Survivor(long profileId)
    {
        for (var hop = 0; hop < 64 && MergedInto.TryGetValue(profileId, out var next); hop++)
            profileId = next;
        return profileId;
    }

    private T Read<T>(Func<T> read)
    {
        Lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            Lock.ExitReadLock();
        }
    }

    public ValueTask<ProfileState?> GetAsync(int workspaceId, long profileId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(() => Entry(workspaceId, Survivor(profileId))?.State.Clone()));

    public ValueTask<IReadOnlyList<ProfileState>> GetManyAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ProfileState>>(Read(() =>
        {
            var result = new List<ProfileState>(profileIds.Count);
            foreach (var id in profileIds)
            {
                if (Entry(id) is { } entry)
                    result.Add(entry.State.Clone());
            }

            return result;
        }));

    public ValueTask<long?> FindAsync(int workspaceId, Identifier identifier, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(() => Workspaces.TryGetValue(workspaceId, out var w) ? w.Graph.Find(identifier) : null));

    public ValueTask<IReadOnlyList<Identifier>> IdentifiersAsync(long profileId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<Identifier>>(Read(() =>
        {
            var id = Survivor(profileId);
            return Entry(id) is { } entry
                ? Workspaces[entry.WorkspaceId].Graph.IdentifiersOf(id)
                    .OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).ToList()
                : [];
        }));

    public ValueTask<IReadOnlyList<MergeRecord>> MergesIntoAsync(long profileId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<MergeRecord>>(Read(() => Entry(Survivor(profileId))?.Merges.ToList() ?? []));

    public async ValueTask<IReadOnlyList<LogEvent>> TimelineAsync(long profileId, int limit, long? beforeSeq = null, CancellationToken cancellationToken = default)
    {
        var seqs = Read(() =>
        {
            var result = new List<long>(Math.Min(limit, 1024));
            if (Entry(Survivor(profileId)) is not { } entry)
                return result;
            var events = entry.Events;
            var end = events.Length;
            if (beforeSeq is { } before)
            {
                end = 0;
                for (var i = events.Length - 1; i >= 0; i--)
                {
                    if (events[i].Seq == before)
                    {
                        end = i;
                        break;
                    }
                }
            }

            for (var i = end - 1; i >= 0 && result.Count < limit; i--)
                result.Add(events[i].Seq);
            return result;
        });
        return seqs.Count == 0 ? [] : await _log.ReadAsync(seqs, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<long, ProfileFacts>> FactsAsync(
        IReadOnlyCollection<long> profileIds, IReadOnlyCollection<string>? properties = null, CancellationToken cancellationToken = default)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var result = Read(() =>
        {
            var facts = new Dictionary<long, ProfileFacts>(profileIds.Count);
            foreach (var id in profileIds)
            {
                if (Entry(id) is not { } entry)
                    continue;
                facts[id] = new ProfileFacts(entry.State.Clone(), entry.Events.ToArray())
                {
                    Persona = entry.Audience?.Persona,
                    LifecycleStage = entry.Audience?.LifecycleStage,
                };
                if (properties is not null && Workspaces.TryGetValue(entry.WorkspaceId, out var workspace))
                    missing.UnionWith(properties.Where(p => !workspace.KeptProperties.Contains(p) || workspace.BackfillNames?.Contains(p) == true));
            }

            return facts;
        });
        if (missing.Count == 0)
            return result;

        // A draft reads properties that events do not keep: read them from the log for these profiles.
        var seqs = result.Values.SelectMany(f => f.Events.Select(e => e.Seq)).ToList();
        var logged = new Dictionary<long, EventProperties>(seqs.Count);
        foreach (var chunk in seqs.Chunk(20_000))
        {
            foreach (var e in await _log.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                using var document = System.Text.Json.JsonDocument.Parse(e.Json);
                if (document.RootElement.TryGetProperty("properties", out var p))
                    logged[e.Seq] = EventProperties.FromJson(p, properties!.Contains);
            }
        }

        foreach (var (id, facts) in result.ToList())
        {
            var events = facts.Events.Select(e => logged.TryGetValue(e.Seq, out var p) ? e.WithProperties(p) : e.WithProperties(default)).ToArray();
            result[id] = facts with { Events = events };
        }

        return result;
    }

    public ValueTask<IReadOnlyList<ProfileState>> SearchAsync(int workspaceId, string query, string? trait, int limit, CancellationToken cancellationToken = default)
    {
        var text = query.Trim();
        if (text.Length == 0 || limit <= 0)
            return ValueTask.FromResult<IReadOnlyList<ProfileState>>([]);
        var filter = trait is null ? new ProfileQuery { Text = text } : new ProfileQuery { Trait = trait, TraitValue = text };
        return ValueTask.FromResult<IReadOnlyList<ProfileState>>(Read(() =>
            Matching(workspaceId, filter).Take(limit).Select(e => e.State.Clone()).ToList()));
    }

    public ValueTask<IReadOnlyList<long>> QueryAsync(int workspaceId, ProfileQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ValueTask.FromResult<IReadOnlyList<long>>(Read(() => Matching(workspaceId, query).Select(e => e.Id).ToList()));
    }

    /// <summary>The live profiles of a workspace that a query accepts, in its order. Callers hold the read lock.</summary>
    private List<ProfileEntry> Matching(int workspaceId, ProfileQuery query)
    {
        if (!Workspaces.TryGetValue(workspaceId, out var workspace))
            return [];
        var found = new List<(ProfileEntry Entry, decimal Key)>();
        foreach (var partition in Partitions)
        {
            foreach (var entry in partition.Values)
            {
                if (entry.WorkspaceId == workspaceId && query.Matches(entry.State, workspace.Graph.IdentifiersOf(entry.Id), entry.Audience))
                    found.Add((entry, query.SortKey(entry.State)));
            }
        }

        found.Sort((a, b) =>
        {
            var order = a.Key.CompareTo(b.Key);
            if (query.Descending)
                order = -order;
            return order != 0 ? order : a.Entry.Id.CompareTo(b.Entry.Id);
        });
        return found.Select(f => f.Entry).ToList();
    }

    public ValueTask<long> CountAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(() => Workspaces.TryGetValue(workspaceId, out var w) ? w.ProfileCount : 0));

    public ValueTask<long> IdentifiedCountAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(() =>
        {
            if (!Workspaces.TryGetValue(workspaceId, out var workspace))
                return 0L;
            long count = 0;
            foreach (var id in workspace.AllIds(IsLive))
            {
                foreach (var identifier in workspace.Graph.IdentifiersOf(id))
                {
                    if (identifier.Type is IdentifierTypes.UserId or IdentifierTypes.Email or IdentifierTypes.Phone)
                    {
                        count++;
                        break;
                    }
                }
            }

            return count;
        }));

    public ValueTask<IReadOnlyList<ChannelDay>> ChannelDaysAsync(int workspaceId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ChannelDay>>(Read(() =>
            Workspaces.TryGetValue(workspaceId, out var w)
                ? w.ChannelDays.Where(d => d.Key.Day >= from && d.Key.Day <= to)
                    .Select(d => new ChannelDay(d.Key.Day, ChannelIds.Name(d.Key.Channel) ?? Channels.Direct, d.Value))
                    .OrderBy(d => d.Day).ThenBy(d => d.Channel, StringComparer.Ordinal).ToList()
                : []));

    public ValueTask<IReadOnlyDictionary<long, StoredAudience>> GetAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<long, StoredAudience>>(Read(() =>
        {
            var result = new Dictionary<long, StoredAudience>(profileIds.Count);
            foreach (var id in profileIds)
            {
                if (Entry(id)?.Audience is { } audience)
                    result[id] = audience;
            }

            return result;
        }));

    public ValueTask<RecomputeProgress?> RecomputeProgressAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(() =>
        {
            if (!Workspaces.TryGetValue(workspaceId, out var w))
                return null;
            if (w.Recompute is { } running)
                return new RecomputeProgress(workspaceId, running.Fingerprint, running.Cursor, false);
            return w.RecomputedFingerprint is { } done ? new RecomputeProgress(workspaceId, done, long.MaxValue, true) : null;
        }));

    public ValueTask<IReadOnlyList<long>> ProfileIdsAsync(int workspaceId, long afterId, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<long>>(Read(() =>
            Workspaces.TryGetValue(workspaceId, out var w) ? w.IdsAfter(afterId, limit, IsLive) : []));

    public ValueTask<(IReadOnlyList<long> Sample, long Population)> SampleProfileIdsAsync(int workspaceId, int size, int seed, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read<(IReadOnlyList<long>, long)>(() =>
        {
            if (!Workspaces.TryGetValue(workspaceId, out var w))
                return ([], 0);
            var all = w.AllIds(IsLive);
            if (all.Count <= size)
                return (all, all.Count);

            // A partial Fisher-Yates shuffle with a seeded generator: uniform, and the same seed gives the same sample.
            var random = new Random(seed);
            for (var i = 0; i < size; i++)
            {
                var j = random.Next(i, all.Count);
                (all[i], all[j]) = (all[j], all[i]);
            }

            var sample = all.GetRange(0, size);
            sample.Sort();
            return (sample, all.Count);
        }));

    public ValueTask<(IReadOnlyDictionary<LifecycleStage, long> Stages, IReadOnlyDictionary<string, long> Personas)> DistributionAsync(
        int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read<(IReadOnlyDictionary<LifecycleStage, long>, IReadOnlyDictionary<string, long>)>(() =>
        {
            var stages = new Dictionary<LifecycleStage, long>();
            var personas = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var partition in Partitions)
            {
                foreach (var entry in partition.Values)
                {
                    if (entry.WorkspaceId != workspaceId || entry.Audience is not { } audience)
                        continue;
                    if (audience.LifecycleStage is { } stage)
                        stages[stage] = stages.GetValueOrDefault(stage) + 1;
                    if (audience.Persona is { } persona)
                        personas[persona] = personas.GetValueOrDefault(persona) + 1;
                }
            }

            return (stages, personas);
        }));

    public ValueTask<IReadOnlyDictionary<long, long>> SizesAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<long, long>>(Read(() =>
            Members.Where(m => m.Value.WorkspaceId == workspaceId && m.Value.Count > 0).ToDictionary(m => m.Key, m => (long)m.Value.Count)));

    public ValueTask<IReadOnlyList<long>> MembersAsync(long segmentId, long afterProfileId, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<long>>(Read(() => Members.TryGetValue(segmentId, out var members) ? members.After(afterProfileId, limit) : []));

    public ValueTask<IReadOnlyList<SegmentTransition>> TransitionsAsync(
        int workspaceId, long afterId, int limit, long? segmentId = null, long? profileId = null, CancellationToken cancellationToken = default) =>
        _transitions.TransitionsAsync(workspaceId, afterId, limit, segmentId, profileId, cancellationToken);

    public ValueTask<IReadOnlyList<(DateOnly Day, long Entered, long Exited)>> TransitionDaysAsync(long segmentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        _transitions.TransitionDaysAsync(segmentId, from, to, cancellationToken);

    private bool IsLive(long profileId) => !MergedInto.ContainsKey(profileId);
}
