using Omnia.Core.Audiences;
using Omnia.Core.Segments;

namespace Omnia.Core.Processing;

public sealed partial class DerivedProcessor
{
    /// <summary>Profiles decided per run while the loop is behind the log (a full chunk was read): events first, audiences catch up after.</summary>
    public const int AudienceBudgetWhileBehind = 500;

    /// <summary>Profiles decided per run otherwise.</summary>
    public const int AudienceBudget = 2_000;

    /// <summary>
    /// Re-decides audiences: first the profiles that changed, then those whose timer is due at
    /// <paramref name="now"/>, then the next chunk of a recompute for a workspace whose model changed. Evaluates at
    /// most about <paramref name="budget"/> profiles; returns how many it evaluated (0: nothing to do).
    /// </summary>
    public int RunAudiences(IReadOnlyList<AudienceModel> models, DateTimeOffset now, int budget = AudienceBudget)
    {
        ArgumentNullException.ThrowIfNull(models);
        var byWorkspace = models.ToDictionary(m => m.WorkspaceId);
        UseModels(models);
        var work = new List<(ProfileEntry Entry, AudienceModel Model, TransitionReason Reason, DateTimeOffset At)>();
        var inWork = new HashSet<long>();
        IReadOnlySet<long>? only = null;
        foreach (var model in models)
        {
            if (state.Workspaces.TryGetValue(model.WorkspaceId, out var w) && w.RecomputedFingerprint == model.Fingerprint)
                w.DecidedModel = model;
        }


        if (_dirty.Count > 0)
        {
            var waiting = new List<long>();
            while (work.Count < budget && _dirtyOrder.TryDequeue(out var id))
            {
                if (!_dirty.Contains(id))
                    continue; // stale: decided, merged away or erased since it was queued
                if (state.Entry(id) is not { } entry)
                {
                    _dirty.Remove(id);
                    continue;
                }

                if (IsFilling(entry.WorkspaceId))
                {
                    waiting.Add(id); // decided once the properties it may read are filled in
                    continue;
                }

                _dirty.Remove(id);
                inWork.Add(id);
                work.Add((entry, ModelOf(byWorkspace, entry.WorkspaceId), TransitionReason.Event, now));
            }

            foreach (var id in waiting)
                _dirtyOrder.Enqueue(id);
        }

        var nowTicks = now.UtcTicks;
        while (work.Count < budget && state.Timers.TryPeek(out var profileId, out var due) && due <= nowTicks)
        {
            state.Timers.Dequeue();
            if (state.Entry(profileId) is not { Audience.NextChange: { } next } entry || next.UtcTicks != due || IsFilling(entry.WorkspaceId))
                continue; // stale: re-decided since, merged away, or waiting for a backfill (which recomputes)
            if (!inWork.Add(profileId))
                continue;
            work.Add((entry, ModelOf(byWorkspace, entry.WorkspaceId), TransitionReason.Time, new DateTimeOffset(due, TimeSpan.Zero)));
        }

        if (work.Count == 0)
            only = RecomputeChunk(byWorkspace, now, RecomputeBudget, work);

        if (work.Count == 0)
            return 0;

        // Deciding is pure and reads entries the processor alone changes: for a recompute, on every core.
        var decided = new (ProfileEntry Entry, ProfileAudience Audience, TransitionReason Reason, DateTimeOffset At)[work.Count];
        void Decide(int i)
        {
            var (entry, model, reason, at) = work[i];
            var facts = new ProfileFacts(entry.State, entry.EventList);
            var audience = only is not null && entry.Audience is { } stored
                ? AudienceEvaluator.EvaluateSegments(model, facts, stored, only, now)
                : AudienceEvaluator.Evaluate(model, facts, now);
            decided[i] = (entry, audience, reason, at);
        }

        if (work.Count >= 512)
            Parallel.For(0, work.Count, Decide);
        else
            for (var i = 0; i < work.Count; i++)
                Decide(i);

        state.Lock.EnterWriteLock();
        try
        {
            foreach (var (entry, audience, reason, at) in decided)
                Store(entry, audience, reason, at);
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }

        return work.Count;
    }

    /// <summary>Whether nothing is left to decide at <paramref name="now"/> under these models.</summary>
    public bool IsIdle(IReadOnlyList<AudienceModel> models, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (_dirty.Count > 0 || state.Workspaces.Values.Any(w => w.BackfillNames is not null))
            return false;
        if (state.Timers.TryPeek(out _, out var due) && due <= now.UtcTicks)
            return false;
        foreach (var model in models)
        {
            if (state.Workspaces.TryGetValue(model.WorkspaceId, out var w) && w.ProfileCount > 0 && w.RecomputedFingerprint != model.Fingerprint)
                return false;
        }

        return true;
    }

    /// <summary>When the earliest timer is due, or null.</summary>
    public DateTimeOffset? NextTimer() =>
        state.Timers.TryPeek(out _, out var due) ? new DateTimeOffset(due, TimeSpan.Zero) : null;

    /// <summary>Profiles decided per run of a recompute.</summary>
    public int RecomputeBudget { get; init; } = 50_000;

    /// <summary>Adds the next chunk of a recompute to <paramref name="work"/>; returns the segments it decides (null: all).</summary>
    private IReadOnlySet<long>? RecomputeChunk(
        Dictionary<int, AudienceModel> byWorkspace, DateTimeOffset now, int budget,
        List<(ProfileEntry Entry, AudienceModel Model, TransitionReason Reason, DateTimeOffset At)> work)
    {
        foreach (var workspace in state.Workspaces.Values.OrderBy(w => w.Id))
        {
            var model = ModelOf(byWorkspace, workspace.Id);
            if (workspace.RecomputedFingerprint == model.Fingerprint || IsFilling(workspace.Id))
                continue;
            if (workspace.ProfileCount == 0)
            {
                SetRecompute(workspace, null, model.Fingerprint);
                workspace.DecidedModel = model;
                continue;
            }

            if (workspace.Recompute is not { } running || running.Fingerprint != model.Fingerprint)
                StartRecompute(workspace, model, now);
            var cursor = workspace.Recompute!.Value.Cursor;
            var ids = workspace.IdsAfter(cursor, budget, id => !state.MergedInto.ContainsKey(id));
            foreach (var id in ids)
            {
                if (state.Entry(workspace.Id, id) is { } entry)
                    work.Add((entry, model, TransitionReason.Recompute, now));
            }

            var only = workspace.RecomputeOnly;
            if (ids.Count < budget)
            {
                SetRecompute(workspace, null, model.Fingerprint);
                workspace.RecomputeOnly = null;
                workspace.DecidedModel = model;
            }
            else
            {
                SetRecompute(workspace, (model.Fingerprint, ids[^1]), workspace.RecomputedFingerprint);
            }

            return only;
        }

        return null;
    }

    /// <summary>
    /// Begins a recompute towards <paramref name="model"/>: when only segments changed since the model membership
    /// reflects, only those (and the segments that refer to them) are decided again, and members of deleted
    /// segments leave them at once.
    /// </summary>
    private void StartRecompute(WorkspaceState workspace, AudienceModel model, DateTimeOffset now)
    {
        IReadOnlySet<long>? only = null;
        IReadOnlyList<long> removed = [];
        if (workspace.DecidedModel is { } decided && decided.Fingerprint == workspace.RecomputedFingerprint)
            only = model.ChangedSegmentsSince(decided, out removed);
        workspace.RecomputeOnly = only;
        SetRecompute(workspace, (model.Fingerprint, 0), workspace.RecomputedFingerprint);
        if (removed.Count == 0)
            return;
        state.Lock.EnterWriteLock();
        try
        {
            foreach (var segment in removed)
            {
                if (!state.Members.Remove(segment, out var members))
                    continue;
                foreach (var id in members.After(long.MinValue, int.MaxValue))
                {
                    if (state.Entry(workspace.Id, id) is not { Audience: { } audience } entry)
                        continue;
                    state.BeforeChange(entry);
                    entry.Audience = audience with { Segments = audience.Segments.Where(s => s != segment).ToArray() };
                    Record(workspace.Id, segment, id, entered: false, now, TransitionReason.Recompute);
                }
            }
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    private void SetRecompute(WorkspaceState workspace, (string Fingerprint, long Cursor)? running, string? done)
    {
        state.Lock.EnterWriteLock();
        try
        {
            workspace.Recompute = running;
            workspace.RecomputedFingerprint = done;
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    /// <summary>Saves a decision: transitions for every segment entered or left, the member lists, the timer.</summary>
    private void Store(ProfileEntry entry, ProfileAudience audience, TransitionReason reason, DateTimeOffset at)
    {
        if (entry.Audience is { } current && current.NextChange == audience.NextChange && current.LifecycleStage == audience.LifecycleStage
            && current.Persona == audience.Persona && current.Segments.SequenceEqual(audience.Segments))
            return; // nothing changed: no transition, no write (most profiles in a recompute)
        state.BeforeChange(entry);
        var changes = new List<(long Segment, bool Entered)>();
        var before = entry.Audience?.Segments ?? [];
        var after = audience.Segments;
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            if (j == after.Count || (i < before.Count && before[i] < after[j]))
            {
                Record(entry.WorkspaceId, before[i], entry.Id, entered: false, at, reason);
                changes.Add((before[i], false));
                if (state.Members.TryGetValue(before[i], out var members))
                    members.Remove(entry.Id);
                i++;
            }
            else if (i == before.Count || after[j] < before[i])
            {
                Record(entry.WorkspaceId, after[j], entry.Id, entered: true, at, reason);
                changes.Add((after[j], true));
                if (!state.Members.TryGetValue(after[j], out var members))
                {
                    members = new SegmentMembers(entry.WorkspaceId);
                    state.Members[after[j]] = members;
                }

                members.Add(entry.Id);
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        var previousNext = entry.Audience?.NextChange;
        entry.Audience = new StoredAudience(entry.Id, after.ToArray(), audience.NextChange)
        {
            LifecycleStage = audience.LifecycleStage,
            Persona = audience.Persona,
        };
        if (audience.NextChange is { } next && next != previousNext)
            state.Timers.Enqueue(entry.Id, next.UtcTicks); // an unchanged timer is queued already
        foreach (var (segment, entered) in changes)
            JourneysOnSegment(entry, segment, entered, at, reason);
        if (state.Timers.Count > 4 * (state.Workspaces.Values.Sum(w => w.ProfileCount) + 1024))
            RebuildTimers();
    }

    /// <summary>Drops stale timers (profiles re-decided since, or merged away).</summary>
    private void RebuildTimers()
    {
        var live = new HashSet<(long, long)>();
        while (state.Timers.TryDequeue(out var id, out var due))
        {
            if (state.Entry(id) is { Audience.NextChange: { } next } && next.UtcTicks == due)
                live.Add((id, due));
        }

        foreach (var (id, due) in live)
            state.Timers.Enqueue(id, due);
    }

    private AudienceModel ModelOf(Dictionary<int, AudienceModel> byWorkspace, int workspaceId)
    {
        if (byWorkspace.TryGetValue(workspaceId, out var model))
            return model;
        if (!_empty.TryGetValue(workspaceId, out model))
        {
            model = AudienceModel.Empty(workspaceId);
            _empty[workspaceId] = model;
        }

        return model;
    }
}
