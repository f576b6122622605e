using System.Text.Json;
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

    /// <summary>Applies the log in chunks of <paramref name="chunk"/> events and decides audiences until idle.</summary>
    public async Task DrainAsync(IReadOnlyList<AudienceModel> models, DateTimeOffset now, int chunk = 400, int budget = 2_000)
    {
        while (true)
        {
            Processor.UseModels(models);
            var events = await _store.Events.ReadAfterAsync(State.Checkpoint, chunk);
            Processor.Apply(events, now);
            var backfill = Processor.NextBackfill();
            if (backfill is { } b)
                Processor.ApplyBackfill(await _store.Events.ReadAfterAsync(b.AfterSeq, chunk));
            var decided = Processor.RunAudiences(models, now, budget);
            await _store.Transitions.AppendAsync(Processor.DrainTransitions());
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

    /// <summary>Everything a reader can see of the derived state, as sorted text: equal text means equal state.</summary>
    public async Task<string> DumpAsync(int workspaceId)
    {
        var lines = new List<string> { $"checkpoint {State.Checkpoint}", $"next profile {State.NextProfileId}" };
        var ids = await State.ProfileIdsAsync(workspaceId, 0, int.MaxValue);
        var audiences = await State.GetAsync(ids);
        foreach (var profile in (await State.GetManyAsync(ids)).OrderBy(p => p.Id))
        {
            lines.Add($"{profile.Id} ids " + string.Join(",", await State.IdentifiersAsync(profile.Id)));
            lines.Add($"{profile.Id} state " + JsonSerializer.Serialize(profile, ProfileJson.Options));
            lines.Add($"{profile.Id} events " + string.Join(",", (await State.TimelineAsync(profile.Id, int.MaxValue)).Select(e => e.Seq)));
            lines.Add($"{profile.Id} merges " + string.Join(",", (await State.MergesIntoAsync(profile.Id)).Select(m => $"{m.From}>{m.Into}@{m.Seq}")));
            if (audiences.TryGetValue(profile.Id, out var audience))
                lines.Add($"{profile.Id} audience {string.Join(",", audience.Segments)} {audience.LifecycleStage} {audience.Persona} {audience.NextChange:O}");
        }

        var facts = await State.FactsAsync(ids);
        foreach (var (id, f) in facts.OrderBy(f => f.Key))
            lines.Add($"{id} behaviour " + string.Join(";", f.Events.Select(e => $"{e.Seq}:{e.Name}:{e.Channel}:{JsonProperties(e)}")));
        lines.Add("days " + string.Join(",", (await State.ChannelDaysAsync(workspaceId, DateOnly.MinValue, DateOnly.MaxValue)).Select(d => $"{d.Day}:{d.Channel}:{d.Events}")));
        return string.Join("\n", lines);
    }

    private static string JsonProperties(Omnia.Core.Segments.ProfileEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            e.Properties.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
