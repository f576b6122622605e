using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Segments;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>What readers see of the derived state: merges, timelines, search, behaviour properties.</summary>
public sealed class DerivedStateTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-derived-").FullName;
    private readonly SqliteStore _store;
    private readonly DerivedHarness _derived;

    public DerivedStateTests()
    {
        _store = new SqliteStore(_directory, TimeProvider.System);
        _derived = new DerivedHarness(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
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

    private async Task<long[]> SendAsync(params string[] events)
    {
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", events) + "]}"));
        var parsed = request.Extract(null, 1, 1, T0.AddDays(10));
        Assert.Empty(parsed.Rejected);
        var seqs = new long[parsed.Accepted.Count];
        await _store.Events.AppendAsync(parsed.Accepted, seqs);
        return seqs;
    }

    private Task DrainAsync(params AudienceModel[] models) => _derived.DrainAsync(models, T0.AddDays(10));

    private static string Track(string id, string name, DateTimeOffset at, string? userId = null, string? anonymousId = null, string properties = "{}") =>
        $$"""{"type":"track","messageId":"{{id}}","event":"{{name}}","timestamp":"{{SegmentRequest.Iso(at)}}"{{(userId is null ? "" : $",\"userId\":\"{userId}\"")}}{{(anonymousId is null ? "" : $",\"anonymousId\":\"{anonymousId}\"")}},"properties":{{properties}}}""";

    private static string Identify(string id, string userId, string traits, DateTimeOffset at, string? anonymousId = null) =>
        $$"""{"type":"identify","messageId":"{{id}}","userId":"{{userId}}"{{(anonymousId is null ? "" : $",\"anonymousId\":\"{anonymousId}\"")}},"traits":{{traits}},"timestamp":"{{SegmentRequest.Iso(at)}}"}""";

    [Fact]
    public async Task A_sign_in_merges_a_browser_into_the_person_and_the_old_id_still_resolves()
    {
        var seqs = await SendAsync(
            Track("a", "Product Viewed", T0, anonymousId: "browser-1"),
            Identify("b", "u1", """{"email":"ann@example.com"}""", T0.AddHours(1)),
            Track("c", "Product Viewed", T0.AddHours(2), anonymousId: "browser-1", userId: "u1"));
        await DrainAsync();

        long browser = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.AnonymousId, "browser-1")))!.Value;
        long person = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u1")))!.Value;
        Assert.Equal(person, browser);
        var merge = Assert.Single(await _derived.State.MergesIntoAsync(person));
        Assert.Equal(person, merge.Into);
        Assert.Equal(person, (await _derived.State.GetAsync(1, merge.From))!.Id);
        Assert.Equal(seqs.Reverse(), (await _derived.State.TimelineAsync(merge.From, 10)).Select(e => e.Seq));
        Assert.Equal(1, await _derived.State.CountAsync(1));
        Assert.Equal(1, await _derived.State.IdentifiedCountAsync(1));
        Assert.Equal(3, (await _derived.State.GetAsync(1, person))!.EventCount);
    }

    [Fact]
    public async Task The_timeline_is_newest_first_by_event_time_and_pages_with_before()
    {
        await SendAsync(Track("late", "A", T0.AddDays(2), "u1"), Track("early", "B", T0, "u1"), Track("middle", "C", T0.AddDays(1), "u1"));
        await DrainAsync();
        long id = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u1")))!.Value;

        var page1 = await _derived.State.TimelineAsync(id, 2);
        var page2 = await _derived.State.TimelineAsync(id, 2, page1[^1].Seq);

        Assert.Equal(["late", "middle"], page1.Select(e => e.MessageId));
        Assert.Equal(["early"], page2.Select(e => e.MessageId));
    }

    [Fact]
    public async Task Search_matches_identifier_prefixes_and_trait_values_but_not_field_names()
    {
        await SendAsync(
            Identify("a", "u-ann", """{"email":"ann@example.com","name":"Ann Lee"}""", T0),
            Identify("b", "u-bob", """{"email":"bob@example.com","city":"Leeds","note":"back\\slash"}""", T0.AddMinutes(1)));
        await DrainAsync();

        async Task<string[]> Find(string q, string? trait = null) =>
            [.. (await _derived.State.SearchAsync(1, q, trait, 10)).Select(p => p.Traits["email"].Value.String!)];

        Assert.Equal(["ann@example.com"], await Find("ann@"));
        Assert.Equal(["bob@example.com", "ann@example.com"], await Find("Lee"));
        Assert.Equal(["bob@example.com"], await Find("Lee", "city"));
        Assert.Equal(["bob@example.com"], await Find("k\\s"));
        Assert.Equal(["bob@example.com"], await Find("k\\s", "note"));
        Assert.Empty(await Find("email"));
        Assert.Empty(await Find("100%"));
        Assert.Empty(await _derived.State.SearchAsync(2, "ann@", null, 10));
    }

    [Fact]
    public async Task A_definition_that_starts_to_read_a_property_gets_it_for_events_already_held()
    {
        Assert.Equal(1, (await _store.Workspaces.CreateWorkspaceAsync("default", "Default")).Id);
        await SendAsync(
            Track("o1", "Order Completed", T0, "u1", properties: """{"revenue":30,"coupon":"SPRING"}"""),
            Track("o2", "Order Completed", T0.AddDays(1), "u2", properties: """{"revenue":80,"coupon":"NONE"}"""));
        await DrainAsync();
        var before = await _derived.State.FactsAsync(await _derived.State.ProfileIdsAsync(1, 0, 10));
        Assert.All(before.Values, f => Assert.Equal(0, Assert.Single(f.Events).Properties.Count));

        var json = """{"version":1,"name":"Spring","condition":{"event":{"name":"Order Completed","where":[{"property":"coupon","op":"equals","value":"SPRING"}]}}}""";
        await _store.Segments.PutSegmentAsync(1, "spring", SegmentDefinition.Parse(json).Definition!.ToJson());
        var model = AudienceModel.Build(1, await _store.Segments.ListSegmentsAsync(1), AudienceSettings.Default);
        await DrainAsync(model);

        var spring = model.Segments.Single().Id;
        long u1 = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u1")))!.Value;
        Assert.Equal([u1], await _derived.State.MembersAsync(spring, 0, 10));
        var after = await _derived.State.FactsAsync([u1]);
        Assert.Equal("SPRING", after[u1].Events.Single().Properties["coupon"].String);
        Assert.False(after[u1].Events.Single().Properties["revenue"].IsPresent);
        Assert.Equal(TransitionReason.Recompute, Assert.Single(await _derived.State.TransitionsAsync(1, 0, 10)).Reason);
    }

    [Fact]
    public async Task A_draft_that_reads_a_property_no_definition_reads_is_given_it_from_the_log()
    {
        await SendAsync(Track("o1", "Order Completed", T0, "u1", properties: """{"revenue":30,"coupon":"SPRING"}"""));
        await DrainAsync();
        long u1 = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u1")))!.Value;

        var facts = await _derived.State.FactsAsync([u1], ["coupon"]);

        Assert.Equal("SPRING", facts[u1].Events.Single().Properties["coupon"].String);
        Assert.Equal(0, (await _derived.State.FactsAsync([u1]))[u1].Events.Single().Properties.Count);
    }

    [Fact]
    public async Task Editing_one_segment_recomputes_only_it_and_deleting_one_makes_its_members_leave()
    {
        Assert.Equal(1, (await _store.Workspaces.CreateWorkspaceAsync("default", "Default")).Id);
        await SendAsync(
            Track("o1", "Order Completed", T0, "u1", properties: """{"revenue":30}"""),
            Track("o2", "Order Completed", T0.AddDays(1), "u2", properties: """{"revenue":80}"""));
        async Task<AudienceModel> SaveAsync(string slug, string condition)
        {
            await _store.Segments.PutSegmentAsync(1, slug, SegmentDefinition.Parse($$"""{"version":1,"name":"{{slug}}","condition":{{condition}}}""").Definition!.ToJson());
            return AudienceModel.Build(1, await _store.Segments.ListSegmentsAsync(1), AudienceSettings.Default);
        }

        await SaveAsync("buyers", """{"event":{"name":"Order Completed"}}""");
        var model = await SaveAsync("big", """{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":50}}}""");
        await DrainAsync(model);
        var buyers = model.Segments.Single(s => s.Slug == "buyers").Id;
        var big = model.Segments.Single(s => s.Slug == "big").Id;
        Assert.Equal(2, (await _derived.State.MembersAsync(buyers, 0, 10)).Count);
        Assert.Single(await _derived.State.MembersAsync(big, 0, 10));
        long before = (await _derived.State.TransitionsAsync(1, 0, 100)).Count;

        model = await SaveAsync("big", """{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":20}}}""");
        await DrainAsync(model);
        Assert.Equal(2, (await _derived.State.MembersAsync(big, 0, 10)).Count);
        var entered = Assert.Single(await _derived.State.TransitionsAsync(1, before, 100));
        Assert.Equal((big, true, TransitionReason.Recompute), (entered.SegmentId, entered.Entered, entered.Reason));

        Assert.True(await _store.Segments.DeleteSegmentAsync(1, "big"));
        await DrainAsync(AudienceModel.Build(1, await _store.Segments.ListSegmentsAsync(1), AudienceSettings.Default));
        Assert.Empty(await _derived.State.MembersAsync(big, 0, 10));
        var left = (await _derived.State.TransitionsAsync(1, entered.Id, 100)).ToList();
        Assert.Equal(2, left.Count);
        Assert.All(left, t => Assert.Equal((big, false), (t.SegmentId, t.Entered)));
        Assert.All((await _derived.State.GetAsync(await _derived.State.ProfileIdsAsync(1, 0, 10))).Values, a => Assert.Equal([buyers], a.Segments));
    }

    [Fact]
    public async Task Each_event_keeps_its_channel_campaign_and_device_and_a_scan_sees_every_profile()
    {
        await SendAsync(
            """{"type":"page","messageId":"p1","anonymousId":"a1","name":"Home","timestamp":"2026-03-01T12:00:00Z","context":{"userAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148","campaign":{"name":"spring-sale","source":"google","medium":"cpc"}}}""",
            """{"type":"page","messageId":"p2","anonymousId":"a2","name":"Home","timestamp":"2026-03-01T12:00:00Z","context":{"userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0"}}""",
            """{"type":"screen","messageId":"s1","userId":"u1","name":"Cart","timestamp":"2026-03-01T12:00:00Z","context":{"library":{"name":"analytics-ios"}}}""");
        await DrainAsync();

        var seen = _derived.State.Scan(1, () => new List<string>(), (list, profile, events, _) =>
        {
            foreach (var e in events)
                list.Add($"{e.Name}|{e.Channel}|{e.Campaign}|{e.Device}");
        }).SelectMany(l => l).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Cart|direct||App", "Home|direct||Desktop", "Home|paid_search|spring-sale|Mobile"], seen);
    }
}
