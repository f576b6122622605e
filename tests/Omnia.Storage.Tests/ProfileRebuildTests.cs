using System.Text;
using System.Text.Json;
using Omnia.Core.Demo;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>
/// Derived state is a pure function of the log: processing in small steps with restarts from the
/// checkpoint (as after crashes) gives exactly what a rebuild from the start of the log gives.
/// </summary>
public sealed class ProfileRebuildTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-rebuild-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static async Task AppendDemoAsync(SqliteStore store)
    {
        var events = DemoDataset.Generate(new DemoOptions(Now, Customers: 120, Days: 30, Seed: 7)).ToList();
        foreach (var chunk in events.Chunk(1000))
        {
            using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", chunk) + "]}"));
            var parsed = request.Extract(null, 1, 1, Now);
            Assert.Empty(parsed.Rejected);
            await store.Events.AppendAsync(parsed.Accepted, new long[parsed.Accepted.Count]);
        }
    }

    private static async Task<string> SnapshotAsync(SqliteStore store)
    {
        var lines = new List<string>();
        await foreach (var item in store.Profiles.LoadIdentifiersAsync())
        {
            lines.Add($"id {item.ProfileId} {item.Identifier}");
        }

        var ids = lines.Select(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        foreach (var profile in (await store.Profiles.GetManyAsync(ids)).OrderBy(p => p.Id))
        {
            lines.Add(JsonSerializer.Serialize(profile, ProfileJson.Options));
            lines.Add(string.Join(",", (await store.Profiles.TimelineAsync(profile.Id, 10_000)).Select(e => e.Seq)));
            lines.Add(string.Join(",", (await store.Profiles.MergesIntoAsync(profile.Id)).Select(m => $"{m.From}>{m.Into}@{m.Seq}")));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task Restarting_from_checkpoints_in_small_steps_gives_the_same_profiles_as_a_full_rebuild()
    {
        using var store = new SqliteStore(_directory, TimeProvider.System);
        await AppendDemoAsync(store);
        long last = await store.Events.LastSeqAsync();

        // Small, uneven steps; a new processor (a restart) every few steps, resuming from the saved checkpoint.
        int step = 0;
        while (true)
        {
            var processor = new ProfileProcessor(store.Events, store.Profiles, _ => ProcessingRules.Default);
            int processed = 0;
            for (int i = 0; i < 3; i++)
            {
                processed += await processor.RunOnceAsync(97 + (37 * step++ % 400));
            }

            if (processed == 0)
            {
                break;
            }
        }

        Assert.Equal(last, (await store.Profiles.LoadCheckpointAsync()).Seq);
        string incremental = await SnapshotAsync(store);

        await store.Profiles.ResetAsync();
        var rebuild = new ProfileProcessor(store.Events, store.Profiles, _ => ProcessingRules.Default);
        while (await rebuild.RunOnceAsync(50_000) > 0)
        {
        }

        string rebuilt = await SnapshotAsync(store);
        Assert.True(incremental.Length > 10_000, "the demo should produce a substantial derived state");
        Assert.Equal(rebuilt, incremental);
    }

    [Fact]
    public async Task Every_event_belongs_to_exactly_one_profile_and_counts_add_up_after_merges()
    {
        using var store = new SqliteStore(_directory, TimeProvider.System);
        await AppendDemoAsync(store);
        var processor = new ProfileProcessor(store.Events, store.Profiles, _ => ProcessingRules.Default);
        while (await processor.RunOnceAsync(500) > 0)
        {
        }

        var ids = new HashSet<long>();
        await foreach (var item in store.Profiles.LoadIdentifiersAsync())
        {
            ids.Add(item.ProfileId);
        }

        var profiles = await store.Profiles.GetManyAsync(ids);
        long linked = 0;
        var seen = new HashSet<long>();
        foreach (var profile in profiles)
        {
            var timeline = await store.Profiles.TimelineAsync(profile.Id, 100_000);
            Assert.Equal(profile.EventCount, timeline.Count);
            Assert.All(timeline, e => Assert.True(seen.Add(e.Seq), $"event {e.Seq} is on two profiles"));
            linked += timeline.Count;
        }

        Assert.Equal(await store.Events.LastSeqAsync(), linked);
    }
}
