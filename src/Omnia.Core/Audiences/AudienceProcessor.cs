using Omnia.Core.Profiles;

namespace Omnia.Core.Audiences;

/// <summary>
/// Keeps segment membership current. Each run takes the profiles the profile processor marked as changed and
/// the profiles whose timer is due (a window edge passed), re-decides their audiences with
/// <see cref="AudienceEvaluator"/>, records every entry and exit, and sets each profile's timer to its next
/// change. When a workspace's definitions change it walks all its profiles (a full recompute) in chunks, with
/// its progress saved, so a restart resumes where it stopped. Everything is saved in one transaction per run,
/// so after a crash the same work is redone and each transition is recorded once.
/// </summary>
public sealed class AudienceProcessor(
    IAudienceStore store,
    IProfileStore profiles,
    Func<CancellationToken, ValueTask<IReadOnlyList<AudienceModel>>> models,
    TimeProvider clock)
{
    private readonly Dictionary<int, ProfileEventCache> _events = [];

    /// <summary>Profiles evaluated per run of real-time work.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Profiles evaluated per run of a full recompute.</summary>
    public int RecomputeChunk { get; init; } = 2_000;

    /// <summary>
    /// Does one unit of work: pending profiles first, else the next chunk of a recompute. Returns how many
    /// profiles it evaluated (0 when there was nothing to do).
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var byWorkspace = (await models(cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.WorkspaceId);
        var pending = await store.PendingAsync(now, BatchSize, cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            var batch = new AudienceBatch();
            foreach (var group in pending.GroupBy(w => w.WorkspaceId))
            {
                var model = byWorkspace.GetValueOrDefault(group.Key) ?? AudienceModel.Empty(group.Key);
                var reasons = group.GroupBy(w => w.ProfileId).ToDictionary(
                    g => g.Key,
                    g => g.Any(w => w.DirtyMark is not null) ? (TransitionReason.Event, now) : (TransitionReason.Time, Min(g.Min(w => w.DueAt) ?? now, now)));
                await EvaluateAsync(model, reasons, now, batch, cancellationToken).ConfigureAwait(false);
            }

            foreach (var work in pending)
            {
                if (work.DirtyMark is { } mark)
                {
                    batch.Consumed.Add((work.ProfileId, mark));
                }
            }

            await store.SaveAsync(batch, cancellationToken).ConfigureAwait(false);
            return pending.Select(w => w.ProfileId).Distinct().Count();
        }

        foreach (var model in byWorkspace.Values.OrderBy(m => m.WorkspaceId))
        {
            var progress = await store.RecomputeProgressAsync(model.WorkspaceId, cancellationToken).ConfigureAwait(false);
            if (progress is { Done: true } && progress.Fingerprint == model.Fingerprint)
            {
                continue;
            }

            long cursor = progress is not null && progress.Fingerprint == model.Fingerprint ? progress.Cursor : 0;
            var ids = await store.ProfileIdsAsync(model.WorkspaceId, cursor, RecomputeChunk, cancellationToken).ConfigureAwait(false);
            var batch = new AudienceBatch
            {
                Recompute = new RecomputeProgress(model.WorkspaceId, model.Fingerprint, ids.Count > 0 ? ids[^1] : cursor, ids.Count < RecomputeChunk),
            };
            await EvaluateAsync(model, ids.ToDictionary(id => id, _ => (TransitionReason.Recompute, now)), now, batch, cancellationToken).ConfigureAwait(false);
            await store.SaveAsync(batch, cancellationToken).ConfigureAwait(false);
            return Math.Max(ids.Count, 1);
        }

        return 0;
    }

    /// <summary>Whether every workspace's membership reflects its current definitions (no recompute under way).</summary>
    public async Task<bool> IsRecomputedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var model in await models(cancellationToken).ConfigureAwait(false))
        {
            var progress = await store.RecomputeProgressAsync(model.WorkspaceId, cancellationToken).ConfigureAwait(false);
            if (progress is not { Done: true } || progress.Fingerprint != model.Fingerprint)
            {
                return false;
            }
        }

        return true;
    }

    private async Task EvaluateAsync(
        AudienceModel model, Dictionary<long, (TransitionReason Reason, DateTimeOffset At)> work, DateTimeOffset now, AudienceBatch batch, CancellationToken cancellationToken)
    {
        var ids = work.Keys.ToList();
        if (!_events.TryGetValue(model.WorkspaceId, out var cache))
        {
            cache = new ProfileEventCache(profiles);
            _events[model.WorkspaceId] = cache;
        }

        var facts = await cache.LoadAsync(ids, model.EventNames, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetAsync(ids, cancellationToken).ConfigureAwait(false);
        foreach (long id in ids)
        {
            var (reason, at) = work[id];
            var before = stored.TryGetValue(id, out var s) ? s.Segments : [];
            if (!facts.TryGetValue(id, out var profile))
            {
                // Merged into another profile: it leaves everything; the survivor is re-evaluated with the merged events.
                Record(batch, model.WorkspaceId, id, before, [], TransitionReason.Merge, now);
                batch.Removed.Add(id);
                continue;
            }

            var audience = AudienceEvaluator.Evaluate(model, profile, now);
            Record(batch, model.WorkspaceId, id, before, audience.Segments, reason, at);
            batch.Profiles.Add((model.WorkspaceId, id, audience));
        }
    }

    private static void Record(AudienceBatch batch, int workspaceId, long profileId, IReadOnlyList<long> before, IReadOnlyList<long> after, TransitionReason reason, DateTimeOffset at)
    {
        foreach (long segment in after.Except(before))
        {
            batch.Transitions.Add(new SegmentTransition(0, workspaceId, segment, profileId, Entered: true, at, reason));
        }

        foreach (long segment in before.Except(after))
        {
            batch.Transitions.Add(new SegmentTransition(0, workspaceId, segment, profileId, Entered: false, at, reason));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
