using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Bench.Measurement;

/// <summary>
/// Buyer behaviour for the measurement benchmark, generated from a seed straight into the shape the derived state
/// holds (<see cref="ProfileEvent"/> arrays in time order): per person, visits on a device at intervals spread over a
/// year, each landing from a channel and campaign (UTM, search, ads, email; the pages after the landing page are
/// self-referrals, so direct), browsing, adding to a cart, checking out and ordering at realistic rates, and our own
/// emails delivered, opened and clicked. The same seed gives the same events on any number of threads.
/// </summary>
public sealed class MeasureData
{
    public static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Start = End.AddDays(-365);

    public const string PageName = "Page";
    public const string Viewed = "Product Viewed";
    public const string Added = "Product Added";
    public const string Checkout = "Checkout Started";
    public const string Ordered = "Order Completed";

    private static readonly (string Channel, int Weight, string[] Campaigns)[] Sources =
    [
        (Channels.Direct, 28, []), (Channels.OrganicSearch, 20, []), (Channels.PaidSearch, 12, ["brand_search", "generic_jackets", "hiking_boots"]),
        (Channels.Email, 12, ["news_1", "news_2", "news_3", "winback"]), (Channels.PaidSocial, 10, ["spring_sale", "retargeting_cart"]),
        (Channels.Social, 7, ["trail_stories"]), (Channels.Referral, 5, []), (Channels.Display, 3, ["retargeting_cart", "brand_awareness"]),
        (Channels.Affiliate, 3, ["best_of_the_season"]),
    ];

    private static readonly string[] Names = [string.Intern(PageName), string.Intern(Viewed), string.Intern(Added), string.Intern(Checkout), string.Intern(Ordered),
        string.Intern("Email Delivered"), string.Intern("Email Opened"), string.Intern("Email Link Clicked")];

    private static readonly EventProperties[] Revenues = [.. Enumerable.Range(0, 64).Select(i =>
        EventProperties.Of((string.Intern("revenue"), EventValue.Of(19.90m + i * 7.35m))))];

    private MeasureData((ProfileState State, ProfileEvent[] Events)[] profiles, long events) => (Profiles, Events) = (profiles, events);

    public (ProfileState State, ProfileEvent[] Events)[] Profiles { get; }

    public long Events { get; }

    /// <summary>About <paramref name="events"/> events over <paramref name="profiles"/> people (each person's count drawn around the mean).</summary>
    public static MeasureData Generate(int profiles, long events, int seed)
    {
        var mean = (double)events / profiles;
        var result = new (ProfileState, ProfileEvent[])[profiles];
        long total = 0;
        var channelIds = Sources.Select(s => ChannelIds.Of(s.Channel)).ToArray();
        var campaignIds = Sources.Select(s => s.Campaigns.Select(CampaignIds.Of).ToArray()).ToArray();
        var emailId = ChannelIds.Of(Channels.Email);
        var newsIds = Sources.First(s => s.Channel == Channels.Email).Campaigns.Select(CampaignIds.Of).ToArray();
        var weights = Sources.Sum(s => s.Weight);
        Parallel.For(0, profiles, () => 0L, (p, _, sum) =>
        {
            var random = new Random(HashCode.Combine(seed, p));
            var budget = Math.Max(3, (int)Math.Round(mean * -Math.Log(1 - random.NextDouble())));
            var list = new List<ProfileEvent>(budget + 8);
            var yearTicks = (End - Start).Ticks;
            var t = Start.UtcTicks + (long)(random.NextDouble() * yearTicks * 0.5);
            // About five events a visit: spread the visits over the rest of the year so the budget is spent by its end.
            var averageGap = (long)((End.UtcTicks - t) / Math.Max(1, budget / 4.5));
            long seq = (long)p << 20;
            while (list.Count < budget && t < End.UtcTicks)
            {
                if (random.NextDouble() < 0.15)
                {
                    // Our newsletter: delivered, often opened, sometimes clicked (then the visit below lands from email).
                    var news = newsIds[random.Next(newsIds.Length)];
                    list.Add(new ProfileEvent(Names[5], EventType.Track, t, default, ++seq, emailId, news, DeviceType.Unknown));
                    t += TimeSpan.TicksPerMinute * random.Next(5, 600);
                    if (random.NextDouble() < 0.35)
                        list.Add(new ProfileEvent(Names[6], EventType.Track, t, default, ++seq, emailId, news, DeviceType.Unknown));
                }

                var pick = random.Next(weights);
                var source = 0;
                while (pick >= Sources[source].Weight)
                    pick -= Sources[source++].Weight;
                var campaigns = campaignIds[source];
                var campaign = campaigns.Length == 0 ? 0 : campaigns[random.Next(campaigns.Length)];
                var roll = random.NextDouble();
                var device = roll < 0.45 ? DeviceType.Desktop : roll < 0.85 ? DeviceType.Mobile : roll < 0.95 ? DeviceType.App : DeviceType.Tablet;
                list.Add(new ProfileEvent(Names[0], EventType.Page, t, default, ++seq, channelIds[source], campaign, device));
                var pages = 1 + random.Next(6);
                var direct = channelIds[0];
                for (var i = 0; i < pages; i++)
                {
                    t += TimeSpan.TicksPerSecond * random.Next(15, 150);
                    list.Add(new ProfileEvent(Names[1], EventType.Track, t, default, ++seq, direct, 0, device));
                }

                if (random.NextDouble() < 0.3)
                {
                    t += TimeSpan.TicksPerSecond * random.Next(10, 60);
                    list.Add(new ProfileEvent(Names[2], EventType.Track, t, default, ++seq, direct, 0, device));
                    if (random.NextDouble() < 0.5)
                    {
                        t += TimeSpan.TicksPerSecond * random.Next(30, 300);
                        list.Add(new ProfileEvent(Names[3], EventType.Track, t, default, ++seq, direct, 0, device));
                        if (random.NextDouble() < 0.6)
                        {
                            t += TimeSpan.TicksPerSecond * random.Next(60, 300);
                            list.Add(new ProfileEvent(Names[4], EventType.Track, t, Revenues[random.Next(Revenues.Length)], ++seq, direct, 0, device));
                        }
                    }
                }

                t += (long)(averageGap * -Math.Log(1 - random.NextDouble()));
            }

            list.Sort((a, b) => a.UtcTicks != b.UtcTicks ? a.UtcTicks.CompareTo(b.UtcTicks) : a.Seq.CompareTo(b.Seq));
            result[p] = (new ProfileState { Id = p + 1, WorkspaceId = 1 }, list.ToArray());
            return sum + list.Count;
        }, sum => Interlocked.Add(ref total, sum));
        return new MeasureData(result, total);
    }
}
