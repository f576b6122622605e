using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Bench.Recompute;

/// <summary>
/// The recompute workload, generated from a seed and held in memory as Omnia's evaluator takes it: one
/// <see cref="ProfileFacts"/> per profile, its events in timestamp order. The same seed gives the same data on
/// any number of threads (each profile has its own random stream). Events per profile follow a log-normal
/// distribution (a few heavy users, many light ones), timestamps are uniform over the year before <see cref="Now"/>
/// at millisecond resolution (PostgreSQL keeps microseconds, so both sides see identical instants).
/// Property objects come from small pools of pre-parsed elements shared between events: per-event JSON would
/// not fit 50,000,000 events in memory, and sharing does not change what the evaluator does per event.
/// </summary>
public sealed class RecomputeData
{
    /// <summary>The instant segments are evaluated at: fixed, so every run generates and answers the same.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly long YearMilliseconds = (long)TimeSpan.FromDays(365).TotalMilliseconds;

    private RecomputeData(ProfileFacts[] profiles, long events, int propertyObjects)
    {
        Profiles = profiles;
        Events = events;
        PropertyObjects = propertyObjects;
    }

    /// <summary>Profile ids are 1..N, in this order.</summary>
    public ProfileFacts[] Profiles { get; }

    public long Events { get; }

    /// <summary>How many distinct property objects the events share.</summary>
    public int PropertyObjects { get; }

    /// <summary>The event mix, for the report.</summary>
    public static string Describe() => string.Join(", ", Kinds().Select(k =>
        $"{k.Name} ({EventTypes.Name(k.Type)}) {k.Weight:P0}{(k.Pool.Length > 0 ? $", {k.Pool.Length} property objects" : ", no properties")}"));

    /// <summary>Generates <paramref name="events"/> events over <paramref name="profiles"/> profiles on all cores.</summary>
    public static RecomputeData Generate(int profiles, long events, ulong seed)
    {
        var kinds = Kinds();
        var cumulative = new double[kinds.Length];
        double total = 0;
        for (int k = 0; k < kinds.Length; k++)
        {
            total += kinds[k].Weight;
            cumulative[k] = total;
        }

        int[] counts = EventsPerProfile(profiles, events, seed);
        var facts = new ProfileFacts[profiles];
        long start = Now.ToUnixTimeMilliseconds() - YearMilliseconds;
        Parallel.ForEach(Partitioner.Create(0, profiles, 4096), range =>
        {
            long[] stamps = new long[64];
            for (int i = range.Item1; i < range.Item2; i++)
            {
                var random = new SplitMix64(seed ^ ((ulong)(i + 1) * 0xD1B54A32D192ED03UL));
                int n = counts[i];
                if (stamps.Length < n)
                {
                    stamps = new long[Math.Max(n, stamps.Length * 2)];
                }

                for (int j = 0; j < n; j++)
                {
                    stamps[j] = start + random.Below(YearMilliseconds); // strictly before Now
                }

                Array.Sort(stamps, 0, n);
                var list = n == 0 ? [] : new ProfileEvent[n];
                for (int j = 0; j < n; j++)
                {
                    double pick = random.NextDouble() * total;
                    int k = 0;
                    while (k < kinds.Length - 1 && pick >= cumulative[k])
                    {
                        k++;
                    }

                    var kind = kinds[k];
                    var properties = kind.Pool.Length == 0 ? default : kind.Pool[random.Below(kind.Pool.Length)];
                    list[j] = new ProfileEvent(kind.Name, kind.Type, DateTimeOffset.FromUnixTimeMilliseconds(stamps[j]), properties);
                }

                var state = new ProfileState { Id = i + 1, WorkspaceId = 1, EventCount = n };
                if (n > 0)
                {
                    state.FirstSeen = list[0].Timestamp;
                    state.LastSeen = list[^1].Timestamp;
                }

                facts[i] = new ProfileFacts(state, list);
            }
        });
        return new RecomputeData(facts, events, kinds.Sum(k => k.Pool.Length));
    }

    // Log-normal weights (sigma 1.2: the median profile has ~35 events at 50 on average, the busiest a few thousand),
    // rounded so that the counts add up to exactly the requested total.
    private static int[] EventsPerProfile(int profiles, long events, ulong seed)
    {
        var random = new SplitMix64(seed);
        var weights = new double[profiles];
        double sum = 0;
        for (int i = 0; i < profiles; i++)
        {
            weights[i] = Math.Exp(1.2 * random.NextGaussian());
            sum += weights[i];
        }

        var counts = new int[profiles];
        double running = 0;
        long given = 0;
        for (int i = 0; i < profiles; i++)
        {
            running += weights[i];
            long upTo = i == profiles - 1 ? events : (long)Math.Round(events * (running / sum));
            counts[i] = checked((int)(upTo - given));
            given = upTo;
        }

        return counts;
    }

    private static EventKind[] Kinds()
    {
        var random = new SplitMix64(42);
        string[] categories = ["shoes", "shirts", "bags", "hats", "jackets", "socks"];
        var products = Pool(300, i => $$"""{"product_id":"sku-{{i:D5}}","category":"{{categories[i % categories.Length]}}","price":{{Money(random.LogNormal(3.3, 0.7))}}}""");
        // Order values: median ~90, a long tail; "revenue" is what the segment sums.
        var orders = Pool(400, i => $$"""{"revenue":{{Money(random.LogNormal(4.5, 0.8))}},"currency":"USD","items":{{1 + (i % 5)}}}""");
        var paths = Pool(100, i => $$"""{"path":"/p/{{i}}","title":"Page {{i}}"}""");
        return
        [
            new("Home", EventType.Page, 0.15, paths),
            new("Category", EventType.Page, 0.15, paths),
            new("Search", EventType.Page, 0.10, paths),
            new("Article", EventType.Page, 0.05, paths),
            new("Product Viewed", EventType.Track, 0.30, products),
            new("Product Added", EventType.Track, 0.10, products),
            new("Checkout Started", EventType.Track, 0.05, []),
            new("Order Completed", EventType.Track, 0.04, orders),
            new("Email Opened", EventType.Track, 0.06, []),
        ];
    }

    private static EventProperties[] Pool(int size, Func<int, string> json) =>
        Enumerable.Range(0, size).Select(i => EventProperties.FromJson(JsonSerializer.Deserialize<JsonElement>(json(i)), intern: string.Intern)).ToArray();

    private static string Money(double value) => Math.Round((decimal)value, 2).ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record EventKind(string Name, EventType Type, double Weight, EventProperties[] Pool);

    /// <summary>A tiny, fast, seedable generator whose output never depends on the .NET version.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public long Below(long bound) => (long)(NextDouble() * bound);

        public int Below(int bound) => (int)(NextDouble() * bound);

        public double NextGaussian() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());

        public double LogNormal(double mu, double sigma) => Math.Exp(mu + (sigma * NextGaussian()));
    }
}
