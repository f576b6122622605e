using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Processing;

/// <summary>
/// Applies the event log, in order, to the <see cref="DerivedState"/>: identity resolution (and merges), profile
/// state, each profile's behaviour, channel trends; then decides the audiences of the profiles that changed, whose
/// timer came due, or that a recompute reaches. Deterministic and single-threaded: per profile, events are applied in
/// log order, so a replay from a snapshot gives the same state as the original run. Applying an event twice is
/// prevented by the checkpoint: events at or before it are skipped.
/// </summary>
public sealed partial class DerivedProcessor(DerivedState state, Func<int, ProcessingRules> rulesFor)
{
    /// <summary>Events applied under one hold of the write lock: readers wait at most this long.</summary>
    private const int LockChunk = 256;

    // Profiles to re-decide: the set says which, the queue in which order (first marked, first decided), so that under
    // a lasting backlog no profile waits behind ones marked after it. A queue entry whose id left the set is stale.
    private readonly HashSet<long> _dirty = [];
    private readonly Queue<long> _dirtyOrder = new();
    private readonly List<SegmentTransition> _transitions = [];
    private readonly Dictionary<int, AudienceModel> _empty = [];

    /// <summary>The state this processor writes.</summary>
    public DerivedState State => state;

    /// <summary>Profiles whose audiences must be re-decided because they changed.</summary>
    public int DirtyCount => _dirty.Count;

    /// <summary>
    /// Applies events that follow the checkpoint (earlier ones are skipped, so handing the same events twice is
    /// harmless). <paramref name="now"/> dates the exits of profiles merged away.
    /// </summary>
    public void Apply(IReadOnlyList<LogEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        state.LastNow = now;
        for (var start = 0; start < events.Count; start += LockChunk)
        {
            state.Lock.EnterWriteLock();
            try
            {
                var end = Math.Min(events.Count, start + LockChunk);
                for (var i = start; i < end; i++)
                {
                    var e = events[i];
                    if (e.Seq <= state.Checkpoint)
                        continue;
                    // Parsed and released one at a time, so the parser's pooled buffers are reused, not allocated anew.
                    using var document = JsonDocument.Parse(e.Json);
                    ApplyOne(e, document.RootElement, now);
                }
            }
            finally
            {
                state.Lock.ExitWriteLock();
            }
        }
    }

    /// <summary>The transitions recorded since the last call, in order, with their ids.</summary>
    public IReadOnlyList<SegmentTransition> DrainTransitions()
    {
        if (_transitions.Count == 0)
            return [];
        var drained = _transitions.ToArray();
        _transitions.Clear();
        return drained;
    }

    /// <summary>Profiles marked for audience evaluation (a snapshot keeps them, so a restart evaluates them too).</summary>
    internal IReadOnlyCollection<long> Dirty => _dirty;

    /// <summary>Marks profiles for audience evaluation (snapshot load).</summary>
    internal void MarkDirty(IEnumerable<long> profileIds)
    {
        foreach (var id in profileIds)
            MarkDirty(id);
    }

    private void MarkDirty(long profileId)
    {
        if (_dirty.Add(profileId))
            _dirtyOrder.Enqueue(profileId);
    }

    private Func<long>? _newProfileId;

    private void ApplyOne(LogEvent e, JsonElement root, DateTimeOffset now)
    {
        var workspace = state.Workspace(e.WorkspaceId);
        var rules = rulesFor(e.WorkspaceId);
        var ids = Identifiers(e, root, rules.Identity, workspace.Graph);
        if (state.ActiveSnapshot is { } snapshot)
        {
            // Identity changes the identifiers of existing profiles: capture them as they were first.
            foreach (var id in ids)
            {
                if (workspace.Graph.Find(id) is { } owner && state.Entry(e.WorkspaceId, owner) is { } existing)
                    snapshot.Capture(existing);
            }
        }

        long? resolved;
        IReadOnlyList<ProfileMerge> merges = [];
        if (workspace.Graph.OwnerOfAll(ids) is { } known)
        {
            resolved = known; // nothing to change in the graph: no resolution to allocate
        }
        else
        {
            var resolution = workspace.Graph.Resolve(ids, rules.Identity, _newProfileId ??= () => state.NextProfileId++);
            resolved = resolution.ProfileId;
            merges = resolution.Merges;
        }

        var input = TouchpointInput.FromEvent(root);
        var touchpoint = TouchpointClassifier.Classify(in input, rules.Channels, explain: false);
        var channel = ChannelIds.Of(touchpoint.Channel);
        var day = (DateOnly.FromDateTime(e.Timestamp.UtcDateTime), channel);
        workspace.ChannelDays[day] = workspace.ChannelDays.GetValueOrDefault(day) + 1;
        if (resolved is { } profileId)
        {
            for (int i = 0; i < merges.Count; i++)
                Merge(workspace, merges[i], e, now);

            var entry = state.Entry(e.WorkspaceId, profileId) ?? Create(workspace, profileId);
            state.BeforeChange(entry);
            ProfileProjector.Apply(entry.State, e, root, touchpoint);
            if (entry.State.Consent.Count > 0 && IsSuppressed(e.WorkspaceId, workspace.Graph, profileId))
                Unsubscribe(entry.State);
            var properties = root.TryGetProperty("properties", out var p) && workspace.KeptProperties.Count > 0
                ? EventProperties.FromJson(p, workspace.IsKept, string.Intern)
                : default;
            var device = DeviceTypes.Classify(root, input.IsAppEvent);
            var kept = new ProfileEvent(
                e.Name is null ? null : string.Intern(e.Name), e.Type, e.Timestamp.UtcTicks, properties, e.Seq, channel, CampaignIds.Of(touchpoint.Campaign), device);
            entry.Add(kept);
            MarkDirty(profileId);
            JourneysOnEvent(entry, e, root, kept, now);
        }

        state.Checkpoint = e.Seq;
    }

    private ProfileEntry Create(WorkspaceState workspace, long profileId)
    {
        var entry = new ProfileEntry(new ProfileState { Id = profileId, WorkspaceId = workspace.Id })
        {
            SnapshotEpoch = state.SnapshotEpoch,
        };
        state.Partitions[DerivedState.PartitionOf(workspace.Id, profileId)].Add(profileId, entry);
        workspace.Added(profileId);
        return entry;
    }

    /// <summary>Folds a merged-away profile into the survivor: state, events and merges move; it leaves its segments.</summary>
    private void Merge(WorkspaceState workspace, ProfileMerge merge, LogEvent e, DateTimeOffset now)
    {
        var from = state.Entry(workspace.Id, merge.From);
        var into = state.Entry(workspace.Id, merge.Into) ?? Create(workspace, merge.Into);
        state.BeforeChange(into);
        var record = new MergeRecord(workspace.Id, merge.From, merge.Into, e.Seq, e.Timestamp, merge.Moved);
        if (from is not null)
        {
            state.BeforeChange(from);
            ProfileProjector.Merge(into.State, from.State);
            into.AddAll(from.Events);
            into.Merges = [.. into.Merges, .. from.Merges.Select(m => m with { Into = merge.Into }), record];
            JourneysOnMerge(from, into);
            if (from.Audience is { } audience)
            {
                foreach (var segment in audience.Segments)
                {
                    Record(workspace.Id, segment, merge.From, entered: false, now, TransitionReason.Merge);
                    if (state.Members.TryGetValue(segment, out var members))
                        members.Remove(merge.From);
                }
            }

            state.Partitions[DerivedState.PartitionOf(workspace.Id, merge.From)].Remove(merge.From);
            workspace.Removed();
        }
        else
        {
            into.Merges = [.. into.Merges, record];
        }

        state.MergedInto[merge.From] = merge.Into;
        _dirty.Remove(merge.From);
        MarkDirty(merge.Into);
        workspace.Compact(id => !state.MergedInto.ContainsKey(id));
    }

    private void Record(int workspaceId, long segmentId, long profileId, bool entered, DateTimeOffset at, TransitionReason reason) =>
        _transitions.Add(new SegmentTransition(state.NextTransitionId++, workspaceId, segmentId, profileId, entered, at, reason));

    /// <summary>
    /// The identifiers an event carries. An alias joins <c>previousId</c> to <c>userId</c>: the previous id is taken
    /// as a user id when one is known by that value, otherwise as an anonymous id.
    /// </summary>
    private static IReadOnlyList<Identifier> Identifiers(LogEvent e, JsonElement root, IdentityRules rules, IdentityGraph graph)
    {
        JsonElement? traits = e.Type == EventType.Identify && root.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object ? t : null;
        JsonElement? context = root.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        return e.Type != EventType.Alias
            ? IdentifierExtractor.Extract(e.UserId, e.AnonymousId, traits, context, rules)
            : AliasIdentifiers(e, root, context, rules, graph);
    }

    /// <summary>Kept apart from <see cref="Identifiers"/> so that its lambda's closure is allocated for aliases only.</summary>
    private static List<Identifier> AliasIdentifiers(LogEvent e, JsonElement root, JsonElement? context, IdentityRules rules, IdentityGraph graph)
    {
        string? previous = root.TryGetProperty("previousId", out var p) ? (p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()) : null;
        var ids = new List<Identifier>(IdentifierExtractor.Extract(e.UserId, e.AnonymousId, null, context, rules));
        if (previous is not null && IdentifierNormalizer.Normalize(IdentifierTypes.UserId, previous, rules.DefaultPhoneRegion) is { } value)
        {
            var asUser = new Identifier(IdentifierTypes.UserId, value);
            ids.Add(graph.Find(asUser) is not null ? asUser : new Identifier(IdentifierTypes.AnonymousId, value));
        }

        return ids.Distinct().OrderBy(id => rules.RuleFor(id.Type).Priority).ToList();
    }
}
