using System.Text;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Storage.Sqlite;

namespace Omnia.Storage.Tests;

/// <summary>The journey engine inside the derived state: the abandoned-cart flow, merges, restarts.</summary>
public sealed class JourneyEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("omnia-journeys-").FullName;
    private readonly SqliteStore _store;
    private DerivedHarness _derived;

    private const string AbandonedCart = """
        {"version":1,"name":"Abandoned cart","trigger":{"event":{"name":"Product Added","key":"cart_id"}},"entry":{"rule":"once"},
         "goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},
         "exitOn":[{"event":{"name":"Order Completed"},"matchKey":"cart_id"}],
         "start":"wait","nodes":[
           {"id":"wait","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"done","onTimeout":"reminder"},
           {"id":"reminder","type":"send","content":"cart-reminder","channel":"email","next":"done"},
           {"id":"done","type":"exit"}]}
        """;

    private static readonly JourneyModel Journeys = new(1, [CompiledJourney.Compile(7, 1, JourneyDefinition.Parse(AbandonedCart).Definition!)], []);

    public JourneyEngineTests()
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

    private async Task SendAsync(params string[] events)
    {
        using var request = SegmentRequest.Parse(Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", events) + "]}"));
        var parsed = request.Extract(null, 1, 1, T0.AddDays(30));
        Assert.Empty(parsed.Rejected);
        await _store.Events.AppendAsync(parsed.Accepted, new long[parsed.Accepted.Count]);
    }

    private static string Added(string id, string who, string cart, DateTimeOffset at, string product = "Trail boot") =>
        $$$"""{"type":"track","messageId":"{{{id}}}","{{{(who.StartsWith("anon", StringComparison.Ordinal) ? "anonymousId" : "userId")}}}":"{{{who}}}","event":"Product Added","timestamp":"{{{SegmentRequest.Iso(at)}}}","properties":{"cart_id":"{{{cart}}}","products":[{"name":"{{{product}}}","price":129.5}]}}""";

    private static string Ordered(string id, string who, string cart, DateTimeOffset at) =>
        $$$"""{"type":"track","messageId":"{{{id}}}","userId":"{{{who}}}","event":"Order Completed","timestamp":"{{{SegmentRequest.Iso(at)}}}","properties":{"cart_id":"{{{cart}}}","revenue":129.5}}""";

    private Task DrainAsync(DateTimeOffset now) => _derived.DrainAsync([AudienceModel.Empty(1)], now, journeys: [Journeys]);

    [Fact]
    public async Task A_cart_not_ordered_within_the_hour_gets_one_reminder_naming_its_product_and_an_order_in_time_gets_none()
    {
        await SendAsync(
            Added("a1", "u1", "cart-1", T0, "Trail boot"),
            Added("a2", "u1", "cart-1", T0.AddMinutes(10), "Rain jacket"),
            Added("b1", "u2", "cart-2", T0),
            Ordered("b2", "u2", "cart-2", T0.AddMinutes(30)));
        await DrainAsync(T0.AddMinutes(40));
        Assert.Empty(_derived.Outbox);

        await DrainAsync(T0.AddHours(2));
        var reminder = Assert.Single(_derived.Outbox);
        Assert.Equal(OutboxKind.Message, reminder.Kind);
        var message = reminder.Message();
        Assert.Equal(("cart-reminder", "email", "cart-1"), (message.Content, message.Channel, message.EntryKey));
        Assert.Contains("Trail boot", message.EntryProperties["products"].ToJson(), StringComparison.Ordinal);
        long u1 = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u1")))!.Value;
        Assert.Equal(u1, reminder.ProfileId);

        var counters = _derived.State.CountersOf(7)!;
        Assert.Equal(2, counters.Entries);
        Assert.Equal(1, counters.Conversions);
        Assert.Equal(0, counters.Active);
        Assert.Equal(1, counters.StepArrivals["reminder"]);
    }

    [Fact]
    public async Task A_cart_added_anonymously_is_reminded_to_the_person_it_merges_into()
    {
        await SendAsync(
            Added("a1", "anon-1", "cart-9", T0),
            """{"type":"identify","messageId":"i1","anonymousId":"anon-1","userId":"u9","traits":{"email":"u9@example.com"},"timestamp":"2026-03-01T12:05:00.000Z"}""");
        await DrainAsync(T0.AddHours(2));

        var reminder = Assert.Single(_derived.Outbox);
        long person = (await _derived.State.FindAsync(1, new Identifier(IdentifierTypes.UserId, "u9")))!.Value;
        Assert.Equal(person, reminder.ProfileId);
    }

    [Fact]
    public async Task A_restart_from_a_snapshot_mid_wait_sends_the_reminder_once_with_the_same_key()
    {
        await SendAsync(Added("a1", "u1", "cart-1", T0));
        await DrainAsync(T0.AddMinutes(5));
        _derived.Snapshot(T0.AddMinutes(5));
        await DrainAsync(T0.AddHours(2));
        var first = Assert.Single(_derived.Outbox);

        // A crash after the reminder was decided: the restart replays from the snapshot and decides it again, same key.
        _derived = await DerivedHarness.RestartAsync(_store);
        await DrainAsync(T0.AddHours(3));
        var replayed = Assert.Single(_derived.Outbox);
        Assert.Equal(first.Key, replayed.Key);
        Assert.Equal(first.Payload, replayed.Payload);
    }

    [Fact]
    public async Task A_broadcast_larger_than_one_pass_reaches_every_member_once_and_only_at_its_occurrence()
    {
        int people = Omnia.Core.Processing.DerivedProcessor.BroadcastChunk + 7;
        for (int start = 0; start < people; start += 2_000)
        {
            await SendAsync(Enumerable.Range(start, Math.Min(2_000, people - start)).Select(i =>
                $$$"""{"type":"track","messageId":"s{{{i}}}","userId":"p{{{i}}}","event":"Signed Up","timestamp":"{{{SegmentRequest.Iso(T0)}}}"}""").ToArray());
        }

        var at = T0.AddDays(1);
        var broadcast = CompiledJourney.Compile(9, 1, JourneyDefinition.Parse($$$"""
            {"version":1,"name":"Launch","trigger":{"schedule":{"segment":"signed-up","at":"{{{SegmentRequest.Iso(at)}}}"}},"entry":{"rule":"once"},
             "start":"news","nodes":[{"id":"news","type":"send","content":"launch","channel":"email","next":"done"},{"id":"done","type":"exit"}]}
            """).Definition!);
        var segment = new StoredSegment(1, 1, "signed-up",
            Omnia.Core.Segments.SegmentDefinition.Parse("""{"version":1,"name":"Signed up","condition":{"event":{"name":"Signed Up"}}}""").Definition!, 1, T0, T0);
        var model = AudienceModel.Build(1, [segment], AudienceSettings.Default);
        var journeys = new JourneyModel(1, [broadcast], []);

        await _derived.DrainAsync([model], T0.AddHours(1), budget: 50_000, journeys: [journeys]);
        await _derived.DrainAsync([model], at.AddMinutes(-1), budget: 50_000, journeys: [journeys]);
        Assert.Empty(_derived.Outbox);

        await _derived.DrainAsync([model], at, budget: 50_000, journeys: [journeys]);
        Assert.Equal(people, _derived.Outbox.Count);
        Assert.Equal(people, _derived.Outbox.Select(o => o.ProfileId).Distinct().Count());
        Assert.Equal(people, _derived.State.CountersOf(9)!.Entries);

        await _derived.DrainAsync([model], at.AddDays(2), budget: 50_000, journeys: [journeys]);
        Assert.Equal(people, _derived.Outbox.Count);
    }
}
