using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Demo;
using Omnia.Core.Events;
using Omnia.Core.Segments;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>
/// Derived state is a function of the log: processing in uneven steps, writing snapshots while the processor keeps
/// changing profiles, and restarting from the latest snapshot (as after a crash at any of those moments) gives
/// exactly what one rebuild from the start of the log gives — profiles, identifiers, behaviour, merges, audiences and
/// channel trends — and the recorded entries and exits still replay to the membership, once each.
/// </summary>
public sealed class SnapshotRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _rebuilt = Directory.CreateTempSubdirectory("omnia-rebuilt-").FullName;
    private readonly string _recovered = Directory.CreateTempSubdirectory("omnia-recovered-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { _rebuilt, _recovered })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private static async Task<(int Workspace, AudienceModel Model)> PrepareAsync(SqliteStore store)
    {
        var workspace = await store.Workspaces.CreateWorkspaceAsync("default", "Default");
        foreach (var (slug, json) in new[]
        {
            ("browsers", """{"version":1,"name":"Browsers","condition":{"event":{"name":"Product Viewed","count":{"op":"atLeast","value":2},"window":{"last":"7d"}}}}"""),
            ("abandoners", """{"version":1,"name":"Abandoners","condition":{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"2h","did":false,"key":"cart_id"}}}"""),
            ("spenders", """{"version":1,"name":"Spenders","condition":{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":100}}}}"""),
        })
        {
            await store.Segments.PutSegmentAsync(workspace.Id, slug, SegmentDefinition.Parse(json).Definition!.ToJson());
        }

        var model = AudienceModel.Build(workspace.Id, await store.Segments.ListSegmentsAsync(workspace.Id), AudienceSettings.Default);
        var events = DemoDataset.Generate(new DemoOptions(Now, Customers: 120, Days: 30, Seed: 7)).ToList();
        // App installations report push tokens (context.device.token); each profile keeps the latest by event time.
        events.AddRange(Enumerable.Range(0, 20).Select(i =>
            $$"""{"type":"track","event":"App Opened","messageId":"push-{{i}}","userId":"push-user-{{i % 7}}","timestamp":"{{Now.AddDays(-1 - i).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}","context":{"device":{"id":"d-{{i % 7}}","token":"token-{{i}}"}""" + "}}"));
        foreach (var chunk in events.Chunk(1000))
        {
            using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", chunk) + "]}"));
            var parsed = request.Extract(null, workspace.Id, 1, Now);
            Assert.Empty(parsed.Rejected);
            await store.Events.AppendAsync(parsed.Accepted, new long[parsed.Accepted.Count]);
        }

        return (workspace.Id, model);
    }

    [Fact]
    public async Task Restarting_from_snapshots_taken_mid_flight_gives_the_same_state_as_a_rebuild_from_the_log()
    {
        string expected;
        using (var store = new SqliteStore(_rebuilt, TimeProvider.System))
        {
            var (workspace, model) = await PrepareAsync(store);
            var rebuild = new DerivedHarness(store);
            await rebuild.DrainAsync([model], Now, chunk: 50_000);
            expected = await rebuild.DumpAsync(workspace);
        }

        using (var store = new SqliteStore(_recovered, TimeProvider.System))
        {
            var (workspace, model) = await PrepareAsync(store);
            long last = await store.Events.LastSeqAsync();
            var random = new Random(3);
            var derived = new DerivedHarness(store);
            int snapshots = 0, restarts = 0, captured = 0;
            while (derived.State.Checkpoint < last)
            {
                await StepAsync(derived, store, model, random.Next(1, 100));
                switch (random.Next(6))
                {
                    case 0:
                        // A snapshot whose writer starts only after the processor has changed more profiles: every one of
                        // them must be captured as it was at the snapshot's position.
                        var writer = derived.State.BeginSnapshot(derived.Processor, Now)!;
                        await StepAsync(derived, store, model, random.Next(1, 100));
                        store.Snapshots.Save(writer.Seq, stream => writer.WriteTo(stream));
                        captured++;
                        snapshots++;
                        break;
                    case 1:
                        // A snapshot written on another thread while the processor keeps going.
                        var concurrent = derived.State.BeginSnapshot(derived.Processor, Now)!;
                        var writing = Task.Run(() => store.Snapshots.Save(concurrent.Seq, stream => concurrent.WriteTo(stream)));
                        await StepAsync(derived, store, model, random.Next(1, 100));
                        await writing;
                        snapshots++;
                        break;
                    case 2:
                        // A crash: everything in memory is lost; the next start loads the latest snapshot and replays the rest.
                        derived = await DerivedHarness.RestartAsync(store);
                        restarts++;
                        break;
                }
            }

            await derived.DrainAsync([model], Now);
            Assert.True(snapshots >= 5 && restarts >= 4 && captured >= 2, $"{snapshots} snapshots, {restarts} restarts: the steps should mix them");
            var recovered = await derived.DumpAsync(workspace);
            Assert.True(expected.Length > 50_000, "the demo should produce a substantial derived state");
            Assert.Contains("\"pushToken\":{\"token\":\"token-0\"", expected, StringComparison.Ordinal);
            Assert.Equal(expected, recovered);

            // The entries and exits recorded across the crashes alternate per profile and replay to the final membership.
            var replayed = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var t in await derived.State.TransitionsAsync(workspace, 0, int.MaxValue))
            {
                string key = $"{t.SegmentId}:{t.ProfileId}";
                Assert.True(t.Entered ? replayed.Add(key) : replayed.Remove(key), $"transition {t.Id} of {key} does not alternate");
            }

            var members = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var segment in model.Segments)
            {
                foreach (var id in await derived.State.MembersAsync(segment.Id, 0, int.MaxValue))
                    members.Add($"{segment.Id}:{id}");
            }

            Assert.NotEmpty(members);
            Assert.Equal(members, replayed);
        }
    }

    [Fact]
    public async Task Every_event_belongs_to_exactly_one_profile_and_counts_add_up_after_merges()
    {
        using var store = new SqliteStore(_recovered, TimeProvider.System);
        var (workspace, model) = await PrepareAsync(store);
        var derived = new DerivedHarness(store);
        await derived.DrainAsync([model], Now, chunk: 500);

        var ids = await derived.State.ProfileIdsAsync(workspace, 0, int.MaxValue);
        var seen = new HashSet<long>();
        long linked = 0;
        foreach (var profile in await derived.State.GetManyAsync(ids))
        {
            var timeline = await derived.State.TimelineAsync(profile.Id, int.MaxValue);
            Assert.Equal(profile.EventCount, timeline.Count);
            Assert.All(timeline, e => Assert.True(seen.Add(e.Seq), $"event {e.Seq} is on two profiles"));
            linked += timeline.Count;
        }

        Assert.Equal(await store.Events.LastSeqAsync(), linked);
        Assert.Equal(ids.Count, await derived.State.CountAsync(workspace));
        Assert.Contains(ids, id => derived.State.MergesIntoAsync(id).Result.Count > 0);
    }

    /// <summary>Applies up to <paramref name="events"/> more events and decides audiences, as one run of the server's loop.</summary>
    private static async Task StepAsync(DerivedHarness derived, SqliteStore store, AudienceModel model, int events)
    {
        derived.Processor.UseModels([model]);
        derived.Processor.Apply(await store.Events.ReadAfterAsync(derived.State.Checkpoint, events), Now);
        derived.Processor.RunAudiences([model], Now, budget: 100);
        await store.Transitions.AppendAsync(derived.Processor.DrainTransitions());
    }
}
