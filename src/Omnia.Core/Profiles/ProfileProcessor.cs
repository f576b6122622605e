using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Profiles;

/// <summary>
/// Reads the event log in order from its checkpoint, resolves each event to a profile (identity graph),
/// applies it to that profile and persists the changes together with the new checkpoint. Idempotent:
/// after a crash it replays from the last saved checkpoint; from an empty store it rebuilds everything.
/// Single-threaded by design: per profile, events are applied in log order.
/// </summary>
public sealed class ProfileProcessor(IEventStore log, IProfileStore store, Func<int, ProcessingRules> rulesFor, int cacheLimit = 200_000)
{
    private readonly Dictionary<int, IdentityGraph> _graphs = [];
    private readonly Dictionary<long, ProfileState> _cache = [];
    private long _checkpoint;
    private long _nextProfileId = 1;
    private bool _initialized;

    /// <summary>The last log position whose effects are persisted.</summary>
    public long Checkpoint => Interlocked.Read(ref _checkpoint);

    /// <summary>Loads the checkpoint and the identity graph from the store.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var checkpoint = await store.LoadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        _graphs.Clear();
        _cache.Clear();
        await foreach (var item in store.LoadIdentifiersAsync(cancellationToken).ConfigureAwait(false))
        {
            Graph(item.WorkspaceId).Restore(item.ProfileId, item.Identifier);
        }

        Interlocked.Exchange(ref _checkpoint, checkpoint.Seq);
        _nextProfileId = Math.Max(1, checkpoint.NextProfileId);
        _initialized = true;
    }

    /// <summary>Processes up to <paramref name="maxEvents"/> events after the checkpoint; returns how many.</summary>
    public async Task<int> RunOnceAsync(int maxEvents = 20_000, CancellationToken cancellationToken = default)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var events = await log.ReadAfterAsync(_checkpoint, maxEvents, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return 0;
        }

        try
        {
            return await ProcessAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The in-memory graph and cache may be ahead of what was saved: reload them before the next run.
            _initialized = false;
            throw;
        }
    }

    private async Task<int> ProcessAsync(IReadOnlyList<LogEvent> events, CancellationToken cancellationToken)
    {
        // Pass 1: identity. The graph changes in log order; merges are remembered with the event that caused them.
        var targets = new long?[events.Count];
        var mergesAt = new List<MergeRecord>?[events.Count];
        var batch = new ProjectionBatch();
        var touched = new HashSet<long>();
        var documents = new JsonDocument[events.Count];
        try
        {
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                documents[i] = JsonDocument.Parse(e.Json);
                var rules = rulesFor(e.WorkspaceId).Identity;
                var graph = Graph(e.WorkspaceId);
                var ids = Identifiers(e, documents[i].RootElement, rules, graph);
                var resolution = graph.Resolve(ids, rules, () => _nextProfileId++);
                targets[i] = resolution.ProfileId;
                if (resolution.ProfileId is not { } profileId)
                {
                    continue;
                }

                touched.Add(profileId);
                foreach (var id in resolution.Added)
                {
                    batch.Identifiers.Add(new ProfileIdentifier(e.WorkspaceId, id, profileId));
                }

                foreach (var merge in resolution.Merges)
                {
                    touched.Add(merge.From);
                    (mergesAt[i] ??= []).Add(new MergeRecord(e.WorkspaceId, merge.From, merge.Into, e.Seq, e.Timestamp, merge.Moved));
                }
            }

            // Pass 2: load the profiles involved that are not cached, then apply events and merges in log order.
            var missing = touched.Where(id => !_cache.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var loaded in await store.GetManyAsync(missing, cancellationToken).ConfigureAwait(false))
                {
                    _cache[loaded.Id] = loaded;
                }
            }

            var dirty = new HashSet<long>();
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (mergesAt[i] is { } merges)
                {
                    foreach (var merge in merges)
                    {
                        var into = State(merge.Into, e.WorkspaceId);
                        var from = State(merge.From, e.WorkspaceId);
                        ProfileProjector.Merge(into, from);
                        _cache.Remove(merge.From);
                        dirty.Remove(merge.From);
                        dirty.Add(merge.Into);
                        batch.Merges.Add(merge);
                    }
                }

                var root = documents[i].RootElement;
                var input = TouchpointInput.FromEvent(root);
                var touchpoint = TouchpointClassifier.Classify(in input, rulesFor(e.WorkspaceId).Channels);
                batch.CountChannelDay(e.WorkspaceId, e.Timestamp, touchpoint.Channel);
                if (targets[i] is not { } profileId)
                {
                    continue;
                }

                ProfileProjector.Apply(State(profileId, e.WorkspaceId), e, root, touchpoint);
                dirty.Add(profileId);
                batch.Links.Add(new EventLink(profileId, e.Seq, e.Timestamp, e.Name));
            }

            foreach (var id in dirty)
            {
                batch.Profiles.Add(_cache[id]);
            }
        }
        finally
        {
            foreach (var document in documents)
            {
                document?.Dispose();
            }
        }

        batch.Checkpoint = events[^1].Seq;
        batch.NextProfileId = _nextProfileId;
        await store.SaveAsync(batch, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _checkpoint, batch.Checkpoint);
        if (_cache.Count > cacheLimit)
        {
            _cache.Clear();
        }

        return events.Count;
    }

    private ProfileState State(long id, int workspaceId)
    {
        if (!_cache.TryGetValue(id, out var state))
        {
            state = new ProfileState { Id = id, WorkspaceId = workspaceId };
            _cache[id] = state;
        }

        return state;
    }

    private IdentityGraph Graph(int workspaceId)
    {
        if (!_graphs.TryGetValue(workspaceId, out var graph))
        {
            graph = new IdentityGraph();
            _graphs[workspaceId] = graph;
        }

        return graph;
    }

    /// <summary>
    /// The identifiers an event carries. An alias joins <c>previousId</c> to <c>userId</c>: the previous id
    /// is taken as a user id when one is known by that value, otherwise as an anonymous id.
    /// </summary>
    private static IReadOnlyList<Identifier> Identifiers(LogEvent e, JsonElement root, IdentityRules rules, IdentityGraph graph)
    {
        JsonElement? traits = e.Type == EventType.Identify && root.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object ? t : null;
        JsonElement? context = root.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;
        if (e.Type != EventType.Alias)
        {
            return IdentifierExtractor.Extract(e.UserId, e.AnonymousId, traits, context, rules);
        }

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
