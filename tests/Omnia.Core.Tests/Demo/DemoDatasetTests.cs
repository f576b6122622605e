using System.Globalization;
using System.Text;
using System.Text.Json;
using Omnia.Core.Demo;

namespace Omnia.Core.Tests.Demo;

public sealed class DemoDatasetTests(DemoDatasetFixture data) : IClassFixture<DemoDatasetFixture>
{
    private static readonly HashSet<string> SegmentTypes = ["track", "identify", "page", "screen", "group", "alias"];

    [Fact]
    public void Same_seed_gives_identical_output()
    {
        var options = new DemoOptions(DemoDatasetFixture.Now, Customers: 150, Days: 60, Seed: 7);

        var first = DemoDataset.Generate(options).ToList();
        var second = DemoDataset.Generate(options).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seed_gives_different_output()
    {
        var options = new DemoOptions(DemoDatasetFixture.Now, Customers: 150, Days: 60, Seed: 7);

        var first = DemoDataset.Generate(options).ToList();
        var second = DemoDataset.Generate(options with { Seed = 8 }).ToList();

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(400, 90)]
    [InlineData(60, 7)]
    [InlineData(0, 1)]
    public void Every_event_is_a_valid_segment_event_in_timestamp_order_within_the_window(int customers, int days)
    {
        var options = new DemoOptions(DemoDatasetFixture.Now, customers, days);
        var messageIds = new HashSet<string>();
        var previous = DateTimeOffset.MinValue;
        var count = 0;

        foreach (var json in DemoDataset.Generate(options))
        {
            count++;
            Assert.True(Encoding.UTF8.GetByteCount(json) < 32 * 1024, $"event over 32 KB: {json[..200]}");
            using var document = JsonDocument.Parse(json);
            var e = document.RootElement;
            Assert.Contains(e.Str("type") ?? "", SegmentTypes);
            Assert.False(string.IsNullOrEmpty(e.UserId()) && string.IsNullOrEmpty(e.AnonymousId()), $"no userId or anonymousId: {json}");
            Assert.True(messageIds.Add(e.Str("messageId") ?? ""), $"duplicate or missing messageId: {json}");
            if (e.Str("type") == "track")
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Str("event")), $"track without event: {json}");
            }

            var timestamp = DateTimeOffset.Parse(e.Str("timestamp")!, CultureInfo.InvariantCulture);
            Assert.True(timestamp >= previous, $"out of order: {json}");
            Assert.InRange(timestamp, options.Now.AddDays(-days), options.Now);
            previous = timestamp;
        }

        Assert.True(count > customers * 5, $"only {count} events for {customers} customers");
    }

    [Fact]
    public void Default_options_give_between_80_and_150_thousand_events()
    {
        var count = DemoDataset.Generate(new DemoOptions(DemoDatasetFixture.Now)).LongCount();

        Assert.InRange(count, 80_000, 150_000);
    }

    [Fact]
    public void Showcase_person_has_touchpoints_on_web_app_email_store_and_support()
    {
        var maya = ShowcaseEvents();

        Assert.Contains(maya, e => e.Str("type") == "page" && e.AnonymousId() == DemoDataset.Showcase.LaptopAnonymousId
            && e.Str("context", "page", "referrer") == "https://www.google.com/");
        Assert.Contains(maya, e => e.Str("type") == "page" && e.AnonymousId() == DemoDataset.Showcase.PhoneAnonymousId
            && e.Str("context", "campaign", "source") == "instagram" && e.Str("context", "campaign", "medium") == "paid_social");
        Assert.Contains(maya, e => e.Str("type") == "screen" && e.Str("context", "device", "id") == DemoDataset.Showcase.AppDeviceId);
        Assert.Contains(maya, e => e.IsTrack("Signed In") && e.UserId() == DemoDataset.Showcase.UserId
            && e.AnonymousId() == DemoDataset.Showcase.AppAnonymousId && e.Str("context", "device", "id") == DemoDataset.Showcase.AppDeviceId);
        Assert.Contains(maya, e => e.IsTrack("Email Opened") && e.Channel() == "email" && e.UserId() == DemoDataset.Showcase.UserId
            && e.Email() == DemoDataset.Showcase.Email);
        Assert.Contains(maya, e => e.IsTrack("Email Link Clicked") && e.Str("properties", "link_url") is { Length: > 0 });
        Assert.Contains(maya, e => e.IsTrack("Order Completed") && e.Channel() is null && e.UserId() == DemoDataset.Showcase.UserId);
        Assert.Contains(maya, e => e.IsTrack("Order Completed") && e.Channel() == "store" && e.UserId() is null
            && e.Email() == DemoDataset.Showcase.Email);
        Assert.Contains(maya, e => e.IsTrack("Ticket Created") && e.Channel() == "support");
    }

    [Theory]
    [InlineData(DemoDataset.Showcase.LaptopAnonymousId)]
    [InlineData(DemoDataset.Showcase.PhoneAnonymousId)]
    [InlineData(DemoDataset.Showcase.AppAnonymousId)]
    public void Each_showcase_anonymous_id_is_anonymous_first_and_later_seen_with_her_user_id(string anonymousId)
    {
        var onDevice = data.Events.Where(e => e.AnonymousId() == anonymousId).ToList();

        Assert.Null(onDevice[0].UserId());
        Assert.Contains(onDevice, e => e.UserId() == DemoDataset.Showcase.UserId);
        Assert.All(onDevice, e => Assert.True(e.UserId() is null or DemoDataset.Showcase.UserId));
    }

    [Fact]
    public void Showcase_person_resolves_to_one_profile_holding_no_other_user()
    {
        var graph = IdentityJoins.Resolve(data.Events);

        var profile = graph.ProfileOf("userId:" + DemoDataset.Showcase.UserId);
        var expected = new[]
        {
            "anonymousId:" + DemoDataset.Showcase.LaptopAnonymousId, "anonymousId:" + DemoDataset.Showcase.PhoneAnonymousId,
            "anonymousId:" + DemoDataset.Showcase.AppAnonymousId, "email:" + DemoDataset.Showcase.Email,
        };
        Assert.All(expected, id => Assert.Equal(profile, graph.ProfileOf(id)));
        Assert.All(ShowcaseEvents(), e => Assert.Equal(profile, graph.ProfileOfEvent(e)));
        Assert.Equal(["userId:" + DemoDataset.Showcase.UserId], graph.UserIdsIn(profile));
    }

    [Fact]
    public void A_few_shared_devices_carry_two_different_user_ids()
    {
        var shared = data.Events
            .Where(e => e.AnonymousId() is not null && e.UserId() is not null)
            .GroupBy(e => e.AnonymousId()!)
            .Count(g => g.Select(e => e.UserId()).Distinct().Count() > 1);

        Assert.InRange(shared, 1, 10);
    }

    [Fact]
    public void About_a_fifth_of_browsers_never_identify()
    {
        var browsers = data.Events
            .Where(e => e.Str("type") == "page" && e.AnonymousId() is not null)
            .Select(e => e.AnonymousId()!)
            .ToHashSet();
        var identified = data.Events
            .Where(e => e.UserId() is not null && e.AnonymousId() is not null)
            .Select(e => e.AnonymousId()!)
            .ToHashSet();

        var share = browsers.Count(b => !identified.Contains(b)) / (double)browsers.Count;

        Assert.InRange(share, 0.1, 0.4);
    }

    [Fact]
    public void Order_totals_are_positive_and_equal_the_sum_of_price_times_quantity()
    {
        var orders = data.Events.Where(e => e.IsTrack("Order Completed")).ToList();

        Assert.True(orders.Count > 100, $"only {orders.Count} orders");
        Assert.All(orders, order =>
        {
            var properties = order.GetProperty("properties");
            var total = properties.GetProperty("total").GetDecimal();
            var sum = properties.GetProperty("products").EnumerateArray()
                .Sum(p => p.GetProperty("price").GetDecimal() * p.GetProperty("quantity").GetInt32());
            Assert.True(total > 0, $"order {properties.GetProperty("order_id")} has total {total}");
            Assert.Equal(sum, total);
            Assert.Equal(total, properties.GetProperty("revenue").GetDecimal());
            Assert.Equal("USD", properties.GetProperty("currency").GetString());
        });
    }

    [Fact]
    public void Events_come_from_a_mix_of_channels_and_campaign_mediums()
    {
        var channels = data.Events.Select(e => e.Channel()).OfType<string>().ToHashSet();
        var mediums = data.Events.Select(e => e.Str("context", "campaign", "medium")).OfType<string>().ToHashSet();

        Assert.Superset(new HashSet<string> { "email", "sms", "push", "store", "support" }, channels);
        Assert.Superset(new HashSet<string> { "cpc", "paid_social", "email", "social", "display", "affiliate" }, mediums);
        Assert.Contains(data.Events, e => e.Str("context", "app", "name") == "Northwind");
        Assert.Contains(data.Events, e => e.Str("type") == "page" && e.Str("context", "campaign") is null
            && e.Str("context", "page", "referrer") is "https://www.bing.com/" or "https://www.reddit.com/r/hiking/");
    }

    [Fact]
    public void Consent_changes_are_tracked_for_email_and_sms()
    {
        Assert.Contains(data.Events, e => e.IsTrack("Email Unsubscribed") && e.Channel() == "email");
        Assert.Contains(data.Events, e => e.IsTrack("Subscription Updated") && e.Str("properties", "channel") == "sms"
            && e.GetProperty("properties").GetProperty("subscribed").GetBoolean());
        Assert.Contains(data.Events, e => e.IsTrack("Subscription Updated") && e.Str("properties", "channel") == "sms"
            && !e.GetProperty("properties").GetProperty("subscribed").GetBoolean());
    }

    [Fact]
    public void Negative_customers_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataset.Generate(new DemoOptions(DemoDatasetFixture.Now, Customers: -1)));
    }

    private List<JsonElement> ShowcaseEvents() => data.Events.Where(e =>
        e.UserId() == DemoDataset.Showcase.UserId
        || e.AnonymousId() is DemoDataset.Showcase.LaptopAnonymousId or DemoDataset.Showcase.PhoneAnonymousId or DemoDataset.Showcase.AppAnonymousId
        || e.Email() == DemoDataset.Showcase.Email).ToList();
}
