using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Bench.Micro;

/// <summary>
/// The pure journey core on the abandoned-cart journey: an entry (decision and start up to the wait for the order),
/// and the timer that sends the reminder. What an engine adds (storage, outbox) is not measured here.
/// </summary>
public class JourneyBenchmarks
{
    private const string AbandonedCart = """
        {"version":1,"name":"Abandoned cart","trigger":{"event":{"name":"Product Added","key":"cart_id"}},"entry":{"rule":"once"},
         "goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},
         "exitOn":[{"event":{"name":"Order Completed"},"matchKey":"cart_id"}],
         "start":"wait-for-order",
         "nodes":[{"id":"wait-for-order","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"done","onTimeout":"reminder"},
                  {"id":"reminder","type":"send","content":"cart-reminder","channel":"email","next":"done"},
                  {"id":"done","type":"exit"}]}
        """;

    private static readonly DateTimeOffset Now = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly CompiledJourney _journey = CompiledJourney.Compile(1, 1, JourneyDefinition.Parse(AbandonedCart).Definition!);
    private readonly JourneyContext _context = new(() => new ProfileFacts(new ProfileState(), []));
    private ProfileEvent[] _adds = [];
    private EntryHistory[] _histories = [];
    private JourneyInstance _waiting = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _adds = Enumerable.Range(0, 1024).Select(i => new ProfileEvent("Product Added", EventType.Track, Now,
            JsonSerializer.SerializeToElement(new { cart_id = $"cart-{i}", name = "Trail shoe", price = 129.0, quantity = 1 }))).ToArray();
        // A returning shopper: two earlier carts.
        _histories = Enumerable.Range(0, 1024).Select(i => new EntryHistory(
            [new EntryRecord($"old-{i}-1", Now.AddDays(-20), Now.AddDays(-20)), new EntryRecord($"old-{i}-2", Now.AddDays(-3), Now.AddDays(-3))])).ToArray();
        var decision = JourneyEntry.Decide(_journey, TriggerInput.Event(_adds[0]), EntryHistory.Empty);
        _waiting = JourneyRuntime.Start(_journey, decision, 1, 1, _context).Instance;
    }

    [Benchmark(Description = "Journey entry: decide + start to the first wait (abandoned cart)")]
    public int Entry()
    {
        var i = (int)(_next++ & 1023);
        var decision = JourneyEntry.Decide(_journey, TriggerInput.Event(_adds[i]), _histories[i]);
        return JourneyRuntime.Start(_journey, decision, _next, i, _context).Effects.Count;
    }

    [Benchmark(Description = "Journey timer: wake, send the reminder, exit (abandoned cart)")]
    public int Timer() => JourneyRuntime.Advance(_journey, _waiting, JourneyInput.Time(Now.AddHours(1)), _context).Effects.Count;
}
