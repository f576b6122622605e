using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Events;

namespace Omnia.Core.Processing;

/// <summary>
/// Events keep only the properties that a workspace's definitions read. When a definition starts to read another
/// property, events from then on keep it, and a backfill reads the log once, up to where that started, to add it
/// to the events already held; the workspace's audiences wait for it and are then recomputed.
/// </summary>
public sealed partial class DerivedProcessor
{
    private BackfillIndex? _backfillIndex;

    /// <summary>
    /// The stretch of the log a backfill reads next — the events after <c>AfterSeq</c>, up to <c>ToSeq</c> — or null
    /// when no backfill is under way.
    /// </summary>
    public (long AfterSeq, long ToSeq)? NextBackfill() =>
        Filling() is { } workspace ? (workspace.BackfillAt, workspace.BackfillTo) : null;

    /// <summary>
    /// Adds the newly kept properties to the events held, from logged events that follow <see cref="NextBackfill"/>'s
    /// <c>AfterSeq</c> (in log order; events of other workspaces are skipped). An empty list, or an event past
    /// <c>ToSeq</c>, ends the backfill.
    /// </summary>
    public void ApplyBackfill(IReadOnlyList<LogEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Filling() is not { } workspace)
            return;
        if (_backfillIndex is not { } index || index.WorkspaceId != workspace.Id)
        {
            index = BackfillIndex.Build(state, workspace.Id, workspace.BackfillTo);
            _backfillIndex = index;
        }

        var updates = new List<(long Seq, EventProperties Properties)>();
        var done = events.Count == 0;
        var last = workspace.BackfillAt;
        foreach (var e in events)
        {
            if (e.Seq > workspace.BackfillTo)
            {
                done = true;
                break;
            }

            last = e.Seq;
            if (e.WorkspaceId != workspace.Id)
                continue;
            using var document = JsonDocument.Parse(e.Json);
            if (document.RootElement.TryGetProperty("properties", out var p))
                updates.Add((e.Seq, EventProperties.FromJson(p, workspace.KeptProperties.Contains, string.Intern)));
        }

        state.Lock.EnterWriteLock();
        try
        {
            foreach (var (seq, properties) in updates)
            {
                if (index.ProfileOf(seq) is not { } owner || state.Entry(workspace.Id, state.Survivor(owner)) is not { } entry)
                    continue;
                var held = entry.Events;
                for (var i = 0; i < held.Length; i++)
                {
                    if (held[i].Seq == seq)
                    {
                        state.BeforeChange(entry);
                        entry.ReplaceProperties(i, properties);
                        break;
                    }
                }
            }

            workspace.BackfillAt = last;
            if (done || last >= workspace.BackfillTo)
            {
                workspace.BackfillNames = null;
                workspace.RecomputedFingerprint = null; // the audiences waited for the properties: recompute them all
                workspace.Recompute = null;
                _backfillIndex = null;
            }
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    private bool IsFilling(int workspaceId) => state.Workspaces.TryGetValue(workspaceId, out var w) && w.BackfillNames is not null;

    private WorkspaceState? Filling() => state.Workspaces.Values.Where(w => w.BackfillNames is not null).OrderBy(w => w.Id).FirstOrDefault();

    /// <summary>
    /// Keeps, with events from now on, the properties the models read; names new to a workspace that has profiles
    /// start a backfill. Call it with the current models before <see cref="Apply"/>.
    /// </summary>
    public void UseModels(IReadOnlyList<AudienceModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var model in models)
            _audienceModels[model.WorkspaceId] = model;
        foreach (var model in models)
        {
            var kept = state.Workspaces.TryGetValue(model.WorkspaceId, out var known) ? known.KeptProperties : null;
            var added = model.PropertyNames.Where(name => kept is null || !kept.Contains(name)).Select(string.Intern).ToList();
            if (added.Count == 0)
                continue;
            state.Lock.EnterWriteLock();
            try
            {
                var workspace = state.Workspace(model.WorkspaceId);
                workspace.KeptProperties.UnionWith(added);
                if (workspace.ProfileCount > 0)
                {
                    workspace.BackfillNames = [.. workspace.BackfillNames ?? [], .. added];
                    workspace.BackfillTo = state.Checkpoint;
                    workspace.BackfillAt = 0;
                    if (_backfillIndex?.WorkspaceId == workspace.Id)
                        _backfillIndex = null;
                }
            }
            finally
            {
                state.Lock.ExitWriteLock();
            }
        }
    }

    /// <summary>Which profile held each event of a workspace when the backfill started, sorted by log position.</summary>
    private sealed class BackfillIndex(int workspaceId, long[] seqs, long[] profiles)
    {
        public int WorkspaceId { get; } = workspaceId;

        public static BackfillIndex Build(DerivedState state, int workspaceId, long toSeq)
        {
            var pairs = new List<(long Seq, long Profile)>();
            foreach (var partition in state.Partitions)
            {
                foreach (var entry in partition.Values)
                {
                    if (entry.WorkspaceId != workspaceId)
                        continue;
                    foreach (var e in entry.Events)
                    {
                        if (e.Seq <= toSeq)
                            pairs.Add((e.Seq, entry.Id));
                    }
                }
            }

            pairs.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            return new BackfillIndex(workspaceId, pairs.Select(p => p.Seq).ToArray(), pairs.Select(p => p.Profile).ToArray());
        }

        public long? ProfileOf(long seq)
        {
            var at = Array.BinarySearch(seqs, seq);
            return at >= 0 ? profiles[at] : null;
        }
    }
}
