using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Omnia.Core.Audiences;
using Omnia.Storage.Sqlite;
using Omnia.Storage.Tests;

namespace Omnia.Server.Tests;

/// <summary>
/// Bug 10: derived state lives in memory and in snapshots. Killing the server (SIGKILL) at random moments while
/// events arrive — and while a snapshot is being written — and starting it again loses nothing acknowledged and
/// counts nothing twice: the state it ends with equals a rebuild from the log.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("omnia-crash-derived-").FullName;
    private readonly string _copy = Directory.CreateTempSubdirectory("omnia-crash-rebuild-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { _data, _copy })
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

    private static readonly Dictionary<string, string> FrequentSnapshots = new()
    {
        ["OMNIA_SNAPSHOT_EVERY_EVENTS"] = "1500",
        ["OMNIA_SNAPSHOT_EVERY_SECONDS"] = "1",
    };

    /// <summary>The settings the server builds its model with: the defaults, keeping what the default purchase goal reads.</summary>
    private static readonly AudienceSettings ServerSettings =
        AudienceSettings.Default with { ReportPropertyNames = [.. Omnia.Core.Goals.ConversionGoal.Purchase.PropertyNames()] };

    [Fact]
    public async Task Killing_the_server_during_ingestion_and_snapshots_then_restarting_gives_the_state_a_rebuild_gives()
    {
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var random = new Random(17);
        for (int round = 0; round < 4; round++)
        {
            await using var node = await OmniaProcess.ServeAsync(_data, environment: FrequentSnapshots);
            if (round == 0)
            {
                await CreateSegmentAsync(node);
            }

            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(worker => Task.Run(() => SendAsync(node, round, worker, acknowledged, stop.Token))).ToList();
            if (round % 2 == 1)
            {
                // Kill it while a snapshot is being written.
                var snapshots = Path.Combine(_data, "snapshots");
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!Directory.EnumerateFiles(snapshots, "*.tmp").Any() && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(1);
                }

                Assert.True(DateTime.UtcNow < deadline, "no snapshot was written during the load");
            }
            else
            {
                await Task.Delay(random.Next(1_500, 4_000));
            }

            node.Crash();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        // A last start: it recovers, catches up and stops cleanly, writing the state it holds as a snapshot.
        await using (var node = await OmniaProcess.ServeAsync(_data, environment: FrequentSnapshots))
        {
            var admin = node.Client;
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminKey);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await admin.GetStringAsync("/health")).Contains("\"profilesLag\":0", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            await node.StopAsync();
        }

        Assert.True(acknowledged.Count > 500, $"only {acknowledged.Count} batches were acknowledged");
        foreach (var file in Directory.EnumerateFiles(_data).Where(f => Path.GetFileName(f).StartsWith(SqliteDatabase.FileName, StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }

        var now = DateTimeOffset.UtcNow;
        string recovered, transitionsCheck;
        using (var store = new SqliteStore(_data, TimeProvider.System))
        {
            var model = AudienceModel.Build(1, await store.Segments.ListSegmentsAsync(1), ServerSettings);
            var derived = await DerivedHarness.RestartAsync(store);
            Assert.Equal(await store.Events.LastSeqAsync(), derived.State.Checkpoint);
            await derived.DrainAsync([model], now);
            recovered = derived.State.Describe(withTimes: false);
            transitionsCheck = await ReplayTransitionsAsync(derived, model);

            // Every acknowledged batch is in the log, and every logged event is on exactly one profile.
            var ids = await derived.State.ProfileIdsAsync(1, 0, int.MaxValue);
            long onProfiles = (await derived.State.GetManyAsync(ids)).Sum(p => p.EventCount);
            Assert.Equal(await store.Events.LastSeqAsync(), onProfiles);
            foreach (var user in acknowledged.Keys)
            {
                Assert.NotNull(await derived.State.FindAsync(1, new Omnia.Core.Identity.Identifier("user_id", user)));
            }
        }

        using (var store = new SqliteStore(_copy, TimeProvider.System))
        {
            var model = AudienceModel.Build(1, await store.Segments.ListSegmentsAsync(1), ServerSettings);
            var rebuild = new DerivedHarness(store);
            await rebuild.DrainAsync([model], now, chunk: 50_000);
            Assert.Equal(rebuild.State.Describe(withTimes: false), recovered);
        }

        Assert.Equal("alternating", transitionsCheck);
    }

    /// <summary>The recorded entries and exits alternate per profile and replay to the final membership.</summary>
    private static async Task<string> ReplayTransitionsAsync(DerivedHarness derived, AudienceModel model)
    {
        var replayed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in await derived.State.TransitionsAsync(1, 0, int.MaxValue))
        {
            string key = $"{t.SegmentId}:{t.ProfileId}";
            if (!(t.Entered ? replayed.Add(key) : replayed.Remove(key)))
            {
                return $"transition {t.Id} of {key} does not alternate";
            }
        }

        var members = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var segment in model.Segments)
        {
            foreach (var id in await derived.State.MembersAsync(segment.Id, 0, int.MaxValue))
            {
                members.Add($"{segment.Id}:{id}");
            }
        }

        return members.Count > 0 && members.SetEquals(replayed) ? "alternating" : $"{members.Count} members, {replayed.Count} replayed";
    }

    private static async Task CreateSegmentAsync(OmniaProcess node)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/workspaces/default/segments/repeat-clickers")
        {
            Content = new StringContent("""{"version":1,"name":"Repeat clickers","condition":{"event":{"name":"Clicked","count":{"op":"atLeast","value":2}}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestNode.AdminKey);
        var response = await node.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Batches from anonymous browsers that later sign in (merging two browsers into one person), with traits and
    /// clicks; each batch is recorded as acknowledged only on a 200.
    /// </summary>
    private static async Task SendAsync(OmniaProcess node, int round, int worker, ConcurrentDictionary<string, bool> acknowledged, CancellationToken stop)
    {
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string user = $"r{round}-w{worker}-u{i}";
            string a = $"{user}-a", b = $"{user}-b";
            string events = $$$"""
                {"type":"page","anonymousId":"{{{a}}}","name":"Home","messageId":"{{{user}}}-1"},
                {"type":"track","anonymousId":"{{{b}}}","event":"Clicked","messageId":"{{{user}}}-2","properties":{"n":{{{i}}}}},
                {"type":"identify","anonymousId":"{{{a}}}","userId":"{{{user}}}","traits":{"email":"{{{user}}}@example.com","plan":"p{{{i % 3}}}"},"messageId":"{{{user}}}-3"},
                {"type":"track","anonymousId":"{{{b}}}","userId":"{{{user}}}","event":"Clicked","messageId":"{{{user}}}-4"}
                """;
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent($$"""{"batch":[{{events}}]}""", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestNode.WriteKey + ":")));
            try
            {
                var response = await node.Client.SendAsync(request, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[user] = true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                return;
            }
        }
    }
}
