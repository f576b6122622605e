using Omnia.Core.Audiences;
using Omnia.Core.Segments;

namespace Omnia.Core.Processing;

public sealed partial class DerivedProcessor
{
    /// <summary>
    /// Re-decides audiences: first the profiles that changed, then those whose timer is due at
    /// <paramref name="now"/>, then the next chunk of a recompute for a workspace whose model changed. Evaluates at
    /// most about <paramref name="budget"/> profiles; returns how many it evaluated (0: nothing to do).
    /// </summary>
    public int RunAudiences(IReadOnlyList<AudienceModel> models, DateTimeOffset now, int budget = 2_000)
    {
        ArgumentNullException.ThrowIfNull(models);
        var byWorkspace = models.ToDictionary(m => m.WorkspaceId);
        UseModels(models);
        var work = new List<(ProfileEntry Entry, AudienceModel Model, TransitionReason Reason, DateTimeOffset At)>();
        var inWork = new HashSet<long>();

        if (_dirty.Count > 0)
        {
            var taken = new List<long>();
            foreach (var id in _dirty)
            {
                if (work.Count >= budget)
                    break;
                if (state.Entry(id) is not { } entry)
                {
                    taken.Add(id);
                    continue;
                }

                if (IsFilling(entry.WorkspaceId))
                    continue; // decided once the properties it may read are filled in
                taken.Add(id);
                inWork.Add(id);
                work.Add((entry, ModelOf(byWorkspace, entry.WorkspaceId), TransitionReason.Event, now));
            }

            foreach (var id in taken)
                _dirty.Remove(id);
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
            RecomputeChunk(byWorkspace, now, budget, work);

        if (work.Count == 0)
            return 0;

        var decided = new (ProfileEntry Entry, ProfileAudience Audience, TransitionReason Reason, DateTimeOffset At)[work.Count];
        for (var i = 0; i < work.Count; i++)
        {
            var (entry, model, reason, at) = work[i];
            var facts = new ProfileFacts(entry.State, entry.EventList);
            decided[i] = (entry, AudienceEvaluator.Evaluate(model, facts, now), reason, at);
        }

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

    private void RecomputeChunk(
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
                continue;
            }

            var cursor = workspace.Recompute is { } running && running.Fingerprint == model.Fingerprint ? running.Cursor : 0;
            var ids = workspace.IdsAfter(cursor, budget, id => !state.MergedInto.ContainsKey(id));
            foreach (var id in ids)
            {
                if (state.Entry(workspace.Id, id) is { } entry)
                    work.Add((entry, model, TransitionReason.Recompute, now));
            }

            if (ids.Count < budget)
                SetRecompute(workspace, null, model.Fingerprint);
            else
                SetRecompute(workspace, (model.Fingerprint, ids[^1]), workspace.RecomputedFingerprint);
            return;
        }
    }

    private void SetRecompute(WorkspaceState workspace, (string, long)? running, string? done)
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
        state.BeforeChange(entry);
        var before = entry.Audience?.Segments ?? [];
        var after = audience.Segments;
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            if (j == after.Count || (i < before.Count && before[i] < after[j]))
            {
                Record(entry.WorkspaceId, before[i], entry.Id, entered: false, at, reason);
                if (state.Members.TryGetValue(before[i], out var members))
                    members.Remove(entry.Id);
                i++;
            }
            else if (i == before.Count || after[j] < before[i])
            {
                Record(entry.WorkspaceId, after[j], entry.Id, entered: true, at, reason);
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

        entry.Audience = new StoredAudience(entry.Id, after.ToArray(), audience.NextChange)
        {
            LifecycleStage = audience.LifecycleStage,
            Persona = audience.Persona,
        };
        if (audience.NextChange is { } next)
            state.Timers.Enqueue(entry.Id, next.UtcTicks);
        if (state.Timers.Count > 4 * (state.Workspaces.Values.Sum(w => w.ProfileCount) + 1024))
            RebuildTimers();
    }

    /// <summary>Drops stale timers (profiles re-decided since, or merged away).</summary>
    private void RebuildTimers()
    {
        var live = new List<(long, long)>();
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
