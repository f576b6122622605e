using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Demo;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>
/// Real-time membership (after every small batch of events, and at every window edge as the clock moves)
/// equals a full recompute at the same instant, on generated demo data with windowed, sequence, aggregate,
/// consent, trait, bucket and segment-of-segment conditions; and the entries and exits recorded on the way
/// replay to the final membership.
/// </summary>
public sealed class AudienceMembershipTests : IDisposable
{
    private static readonly DateTimeOffset End = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-audience-").FullName;

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

    private static readonly (string Slug, string Json)[] Definitions =
    [
        ("browsers", """{"version":1,"name":"Browsers","condition":{"event":{"name":"Product Viewed","count":{"op":"atLeast","value":3},"window":{"last":"3d"}}}}"""),
        ("cart-abandoners", """
            {"version":1,"name":"Cart abandoners","condition":{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},
             "within":"2h","did":false,"key":"cart_id","window":{"last":"5d"}}}}
            """),
        ("recent-spenders", """
            {"version":1,"name":"Recent spenders","condition":{"event":{"name":"Order Completed",
             "aggregate":{"fn":"sum","property":"revenue","op":"gte","value":80},"window":{"last":"10d"}}}}
            """),
        ("quiet-subscribers", """
            {"version":1,"name":"Quiet subscribers","condition":{"and":[{"consent":{"channel":"sms","subscribed":true}},
             {"not":{"computed":{"name":"lastSeen","op":"withinLast","value":"4d"}}}]}}
            """),
        ("abandoners-not-spenders", """
            {"version":1,"name":"Abandoners who did not spend","condition":{"and":[{"segment":"cart-abandoners"},{"not":{"segment":"recent-spenders"}},
             {"bucket":{"from":0,"to":7999}}]}}
            """),
        ("named", """{"version":1,"name":"Named","condition":{"trait":{"name":"email","op":"exists"}}}"""),
    ];

    private static async Task<IReadOnlyList<LogEvent>> DemoEventsAsync()
    {
        var json = DemoDataset.Generate(new DemoOptions(End, Customers: 150, Days: 30, Seed: 11)).ToList();
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", json) + "]}"));
        var parsed = request.Extract(null, 1, 1, End);
        Assert.Empty(parsed.Rejected);
        await Task.CompletedTask;
        return parsed.Accepted.OrderBy(e => e.Timestamp).ToList();
    }

    private static async Task<IReadOnlyList<StoredSegment>> SaveSegmentsAsync(SqliteStore store, int workspaceId)
    {
        foreach (var (slug, json) in Definitions)
        {
            Assert.True(SegmentDefinition.Parse(json).IsValid, string.Join("; ", SegmentDefinition.Parse(json).Errors));
            await store.Segments.PutSegmentAsync(workspaceId, slug, SegmentDefinition.Parse(json).Definition!.ToJson());
        }

        return await store.Segments.ListSegmentsAsync(workspaceId);
    }

    /// <summary>Membership as a full evaluation of every profile at <paramref name="now"/> decides it.</summary>
    private static async Task<SortedSet<string>> ExpectedAsync(DerivedHarness derived, AudienceModel model, DateTimeOffset now)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var ids = await derived.State.ProfileIdsAsync(model.WorkspaceId, 0, int.MaxValue);
        var facts = await derived.State.FactsAsync(ids);
        foreach (var (id, profile) in facts)
        {
            foreach (long segment in AudienceEvaluator.Evaluate(model, profile, now).Segments)
            {
                expected.Add($"{segment}:{id}");
            }
        }

        return expected;
    }

    private static async Task<SortedSet<string>> StoredAsync(DerivedHarness derived, IReadOnlyList<StoredSegment> segments)
    {
        var stored = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            foreach (long id in await derived.State.MembersAsync(segment.Id, 0, int.MaxValue))
            {
                stored.Add($"{segment.Id}:{id}");
            }
        }

        return stored;
    }

    [Fact]
    public async Task Real_time_membership_equals_a_full_recompute_as_events_arrive_and_windows_expire()
    {
        var events = await DemoEventsAsync();
        var clock = new ManualClock(events[0].Timestamp);
        using var store = new SqliteStore(_directory, clock);
        var workspace = await store.Workspaces.CreateWorkspaceAsync("default", "Default");
        Assert.Equal(1, workspace.Id);
        var segments = await SaveSegmentsAsync(store, workspace.Id);
        var model = AudienceModel.Build(workspace.Id, segments, AudienceSettings.Default);
        Assert.Equal(Definitions.Length, model.Segments.Count);
        var derived = new DerivedHarness(store);
        Task DrainAsync() => derived.DrainAsync([model], clock.Now, chunk: 400, budget: 37);

        // Live: events arrive in time order in uneven batches; the clock follows them, sometimes jumping ahead
        // with no events at all, so windows expire and timers fire between batches.
        var random = new Random(5);
        int checks = 0;
        for (int i = 0, round = 0; i < events.Count; round++)
        {
            int take = random.Next(1, 400);
            var batch = events.Skip(i).Take(take).ToList();
            i += batch.Count;
            clock.Now = Max(clock.Now, batch[^1].Timestamp);
            await store.Events.AppendAsync(batch, new long[batch.Count]);
            await DrainAsync();
            if (random.Next(4) == 0)
            {
                clock.Now += TimeSpan.FromMinutes(random.Next(1, 6 * 60));
                await DrainAsync();
            }

            if (round % 4 == 3)
            {
                Assert.Equal(await ExpectedAsync(derived, model, clock.Now), await StoredAsync(derived, segments));
                checks++;
            }
        }

        // Then days with no events: everything windowed ages out at its own instant.
        for (int day = 0; day < 12; day++)
        {
            clock.Now += TimeSpan.FromHours(7.5);
            await DrainAsync();
            Assert.Equal(await ExpectedAsync(derived, model, clock.Now), await StoredAsync(derived, segments));
        }

        Assert.True(checks >= 3, "the live phase should have been checked several times");
        var transitions = await derived.State.TransitionsAsync(workspace.Id, 0, int.MaxValue);
        Assert.Contains(transitions, t => t.Reason == TransitionReason.Time && !t.Entered);
        Assert.Contains(transitions, t => t.Reason == TransitionReason.Event && t.Entered);
        foreach (var segment in segments)
        {
            Assert.True(transitions.Any(t => t.SegmentId == segment.Id && t.Entered), $"nobody ever entered '{segment.Slug}'");
        }

        // Replaying the recorded entries and exits gives the stored membership, and they alternate per profile.
        var replayed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in transitions)
        {
            string key = $"{t.SegmentId}:{t.ProfileId}";
            Assert.True(t.Entered ? replayed.Add(key) : replayed.Remove(key), $"transition {t.Id} ({(t.Entered ? "entry" : "exit")} of {key}) does not alternate");
        }

        Assert.Equal(await StoredAsync(derived, segments), replayed);
    }

    [Fact]
    public async Task A_recompute_after_a_definition_change_matches_real_time_and_records_only_the_differences()
    {
        var events = await DemoEventsAsync();
        var clock = new ManualClock(End);
        using var store = new SqliteStore(_directory, clock);
        var workspace = await store.Workspaces.CreateWorkspaceAsync("default", "Default");
        var segments = await SaveSegmentsAsync(store, workspace.Id);
        var model = AudienceModel.Build(workspace.Id, segments, AudienceSettings.Default);
        var derived = new DerivedHarness(store);
        await store.Events.AppendAsync(events, new long[events.Count]);
        await derived.DrainAsync([model], clock.Now, budget: 50);
        Assert.True(derived.Processor.IsIdle([model], clock.Now));
        var before = await StoredAsync(derived, segments);
        Assert.Equal(await ExpectedAsync(derived, model, clock.Now), before);
        long lastTransition = (await derived.State.TransitionsAsync(workspace.Id, 0, int.MaxValue))[^1].Id;

        // Widen one window: only profiles whose membership changes get a transition, marked as a recompute.
        await store.Segments.PutSegmentAsync(workspace.Id, "browsers", SegmentDefinition.Parse(Definitions[0].Json.Replace("\"3d\"", "\"20d\"", StringComparison.Ordinal)).Definition!.ToJson());
        segments = await store.Segments.ListSegmentsAsync(workspace.Id);
        model = AudienceModel.Build(workspace.Id, segments, AudienceSettings.Default);
        Assert.False(derived.Processor.IsIdle([model], clock.Now));
        await derived.DrainAsync([model], clock.Now, budget: 50);
        Assert.True(derived.Processor.IsIdle([model], clock.Now));
        var after = await StoredAsync(derived, segments);
        Assert.Equal(await ExpectedAsync(derived, model, clock.Now), after);
        var changes = await derived.State.TransitionsAsync(workspace.Id, lastTransition, int.MaxValue);
        Assert.NotEmpty(changes);
        Assert.All(changes, t => Assert.Equal(TransitionReason.Recompute, t.Reason));
        Assert.Equal(after.Except(before).Count() + before.Except(after).Count(), changes.Count);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
