using Omnia.Core.Audiences;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>
/// The derived state over a real store's log, driven the way the server's processing loop drives it: log, backfill,
/// audiences, transitions — until nothing is left to do.
/// </summary>
internal sealed class DerivedHarness
{
    private readonly SqliteStore _store;

    public DerivedHarness(SqliteStore store)
    {
        _store = store;
        State = new DerivedState(store.Events, store.Transitions);
        Processor = new DerivedProcessor(State, _ => ProcessingRules.Default);
    }

    public DerivedState State { get; }

    public DerivedProcessor Processor { get; }

    /// <summary>Everything the journeys asked to be done, in order (as the outbox receives it).</summary>
    public List<Omnia.Core.Journeys.OutboxItem> Outbox { get; } = [];

    /// <summary>Applies the log in chunks of <paramref name="chunk"/> events and decides audiences until idle.</summary>
    public async Task DrainAsync(IReadOnlyList<AudienceModel> models, DateTimeOffset now, int chunk = 400, int budget = 2_000, IReadOnlyList<Omnia.Core.Journeys.JourneyModel>? journeys = null)
    {
        while (true)
        {
            Processor.UseModels(models);
            Processor.UseJourneys(journeys ?? []);
            var events = await _store.Events.ReadAfterAsync(State.Checkpoint, chunk);
            Processor.Apply(events, now);
            var backfill = Processor.NextBackfill();
            if (backfill is { } b)
                Processor.ApplyBackfill(await _store.Events.ReadAfterAsync(b.AfterSeq, chunk));
            var decided = Processor.RunAudiences(models, now, budget);
            decided += Processor.RunJourneys(now, budget);
            await _store.Transitions.AppendAsync(Processor.DrainTransitions());
            Outbox.AddRange(Processor.DrainOutbox());
            if (events.Count == 0 && backfill is null && decided == 0)
                return;
        }
    }

    /// <summary>Writes a snapshot of the state now (no processing runs meanwhile).</summary>
    public SnapshotInfo Snapshot(DateTimeOffset now)
    {
        var writer = State.BeginSnapshot(Processor, now) ?? throw new InvalidOperationException("A snapshot is under way.");
        return _store.Snapshots.Save(writer.Seq, stream => writer.WriteTo(stream));
    }

    /// <summary>A fresh state loaded from the newest snapshot (as after a restart), with recorded transitions after it dropped.</summary>
    public static async Task<DerivedHarness> RestartAsync(SqliteStore store)
    {
        var harness = new DerivedHarness(store);
        var latest = store.Snapshots.List().FirstOrDefault();
        if (latest is not null)
        {
            using var stream = store.Snapshots.OpenRead(latest);
            Assert.True(SnapshotFormat.Load(stream, harness.State, harness.Processor));
        }

        await store.Transitions.DeleteFromAsync(harness.State.NextTransitionId);
        return harness;
    }

    /// <summary>
    /// The whole state as canonical text, plus what readers see of it through the read API (merged-away ids, the
    /// timeline read back from the log): equal text means equal state.
    /// </summary>
    public async Task<string> DumpAsync(int workspaceId)
    {
        var lines = new List<string> { State.Describe() };
        foreach (var id in await State.ProfileIdsAsync(workspaceId, 0, int.MaxValue))
        {
            lines.Add($"{id} timeline " + string.Join(",", (await State.TimelineAsync(id, int.MaxValue)).Select(e => e.MessageId)));
            foreach (var merge in await State.MergesIntoAsync(id))
                lines.Add($"{merge.From} resolves to {(await State.GetAsync(workspaceId, merge.From))?.Id}");
        }

        return string.Join("\n", lines);
    }
}
