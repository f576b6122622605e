using Omnia.Core.Events;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class EventConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    [Theory]
    [InlineData(0, "atLeast", 1, false)]
    [InlineData(1, "atLeast", 1, true)]
    [InlineData(3, "atLeast", 2, true)]
    [InlineData(1, "atLeast", 2, false)]
    [InlineData(0, "atMost", 0, true)]
    [InlineData(1, "atMost", 0, false)]
    [InlineData(2, "atMost", 2, true)]
    [InlineData(3, "atMost", 2, false)]
    [InlineData(2, "exactly", 2, true)]
    [InlineData(3, "exactly", 2, false)]
    [InlineData(0, "exactly", 0, true)]
    public void A_count_compares_how_many_times_the_event_happened(int times, string op, int value, bool expected)
    {
        var profile = Profiles.New().Event("Page Viewed", Now.AddDays(-1));
        for (var i = 0; i < times; i++)
            profile.Event("Order Completed", Now.AddDays(-i - 1));

        var member = Segment.IsMember($$$$"""{"event":{"name":"Order Completed","count":{"op":"{{{{op}}}}","value":{{{{value}}}}}}}""", profile.Build());

        Assert.Equal(expected, member);
    }

    [Theory]
    [InlineData("""{"category":"shoes"}""", "category", "equals", "\"shoes\"", true)]
    [InlineData("""{"category":"Shoes"}""", "category", "equals", "\"shoes\"", false)]
    [InlineData("""{"category":"hats"}""", "category", "notEquals", "\"shoes\"", true)]
    [InlineData("""{}""", "category", "notEquals", "\"shoes\"", true)]
    [InlineData("""{"name":"Trail Running Shoe"}""", "name", "contains", "\"running\"", true)]
    [InlineData("""{"sku":"TR-100"}""", "sku", "startsWith", "\"tr-\"", true)]
    [InlineData("""{"category":"hats"}""", "category", "in", "[\"shoes\",\"hats\"]", true)]
    [InlineData("""{"coupon":"SPRING"}""", "coupon", "exists", null, true)]
    [InlineData("""{"coupon":null}""", "coupon", "exists", null, false)]
    [InlineData("""{}""", "coupon", "notExists", null, true)]
    [InlineData("""{"revenue":120}""", "revenue", "gt", "100", true)]
    [InlineData("""{"revenue":"99.5"}""", "revenue", "gte", "100", false)]
    [InlineData("""{"revenue":20}""", "revenue", "lt", "25", true)]
    [InlineData("""{"revenue":25}""", "revenue", "lte", "25", true)]
    [InlineData("""{"shipped_at":"2025-05-01T10:00:00Z"}""", "shipped_at", "before", "\"2025-05-02\"", true)]
    [InlineData("""{"shipped_at":"2025-05-03"}""", "shipped_at", "after", "\"2025-05-02\"", true)]
    [InlineData("""{"shipped_at":"2025-05-03"}""", "shipped_at", "gt", "\"2025-05-04\"", false)]
    public void A_property_filter_picks_which_events_count(string properties, string property, string op, string? value, bool expected)
    {
        var facts = Profiles.New().Event("Order Completed", Now.AddDays(-1), System.Text.Json.JsonDocument.Parse(properties).RootElement.Clone()).Build();
        var filter = value is null
            ? $$"""{"property":"{{property}}","op":"{{op}}"}"""
            : $$"""{"property":"{{property}}","op":"{{op}}","value":{{value}}}""";

        var member = Segment.IsMember($$$"""{"event":{"name":"Order Completed","where":[{{{filter}}}]}}""", facts);

        Assert.Equal(expected, member);
    }

    [Fact]
    public void Every_property_filter_must_pass()
    {
        var facts = Profiles.New()
            .Event("Order Completed", Now.AddDays(-2), new { category = "shoes", revenue = 40 })
            .Event("Order Completed", Now.AddDays(-1), new { category = "hats", revenue = 90 })
            .Build();

        Assert.False(Segment.IsMember("""
            {"event":{"name":"Order Completed","where":[{"property":"category","op":"equals","value":"shoes"},{"property":"revenue","op":"gt","value":50}]}}
            """, facts));
        Assert.True(Segment.IsMember("""
            {"event":{"name":"Order Completed","where":[{"property":"category","op":"equals","value":"hats"},{"property":"revenue","op":"gt","value":50}]}}
            """, facts));
    }

    [Theory]
    [InlineData("sum", "gte", 500, true)]
    [InlineData("sum", "gt", 500, false)]
    [InlineData("sum", "equals", 500, true)]
    [InlineData("avg", "equals", 250, true)]
    [InlineData("avg", "lt", 250, false)]
    [InlineData("min", "equals", 100, true)]
    [InlineData("max", "equals", 400, true)]
    [InlineData("max", "notEquals", 400, false)]
    [InlineData("count", "equals", 3, true)]
    [InlineData("count", "lte", 2, false)]
    public void An_aggregate_compares_a_number_computed_over_the_events(string fn, string op, int value, bool expected)
    {
        var facts = Profiles.New()
            .Event("Order Completed", Now.AddDays(-3), new { revenue = 100 })
            .Event("Order Completed", Now.AddDays(-2), new { revenue = "400" })
            .Event("Order Completed", Now.AddDays(-1), new { coupon = "FREE" })
            .Event("Refund Issued", Now.AddDays(-1), new { revenue = 1000 })
            .Build();
        var property = fn == "count" ? "" : ",\"property\":\"revenue\"";

        var member = Segment.IsMember($$$$"""{"event":{"name":"Order Completed","aggregate":{"fn":"{{{{fn}}}}"{{{{property}}}},"op":"{{{{op}}}}","value":{{{{value}}}}}}}""", facts);

        Assert.Equal(expected, member);
    }

    [Theory]
    [InlineData("sum", "equals", 0, true)]
    [InlineData("avg", "lt", 1000, false)]
    [InlineData("min", "gte", 0, false)]
    [InlineData("max", "notEquals", 5, false)]
    [InlineData("count", "equals", 0, true)]
    public void An_aggregate_of_no_values_is_zero_for_sum_and_count_and_undefined_otherwise(string fn, string op, int value, bool expected)
    {
        var facts = Profiles.New().Event("Page Viewed", Now.AddDays(-1)).Build();
        var property = fn == "count" ? "" : ",\"property\":\"revenue\"";

        var member = Segment.IsMember($$$$"""{"event":{"name":"Order Completed","aggregate":{"fn":"{{{{fn}}}}"{{{{property}}}},"op":"{{{{op}}}}","value":{{{{value}}}}}}}""", facts);

        Assert.Equal(expected, member);
    }

    [Fact]
    public void An_event_6_days_ago_is_in_the_last_7_days_until_it_is_7_days_old()
    {
        var happened = Now.AddDays(-6);
        var facts = Profiles.New().Event("Product Viewed", happened).Build();
        const string condition = """{"event":{"name":"Product Viewed","window":{"last":"7d"}}}""";

        var now = Segment.Evaluate(condition, facts);

        Assert.Equal(new SegmentResult(true, happened.AddDays(7)), now);
        Assert.True(Segment.IsMember(condition, facts, happened.AddDays(7).AddMilliseconds(-1)));
        Assert.False(Segment.IsMember(condition, facts, happened.AddDays(7)));
        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(condition, facts, now.ChangesAt!.Value.AddMilliseconds(1)));
    }

    [Fact]
    public void At_least_twice_in_the_last_7_days_ends_when_the_second_newest_event_ages_out()
    {
        var facts = Profiles.New()
            .Event("Email Opened", Now.AddDays(-6))
            .Event("Email Opened", Now.AddDays(-3))
            .Event("Email Opened", Now.AddDays(-1))
            .Build();

        var result = Segment.Evaluate("""{"event":{"name":"Email Opened","count":{"op":"atLeast","value":2},"window":{"last":"7d"}}}""", facts);

        Assert.Equal(new SegmentResult(true, Now.AddDays(4)), result);
    }

    [Fact]
    public void Not_ordering_in_the_last_30_days_starts_when_the_last_order_ages_out()
    {
        var facts = Profiles.New().Event("Order Completed", Now.AddDays(-40)).Event("Order Completed", Now.AddDays(-20)).Build();
        const string condition = """{"event":{"name":"Order Completed","count":{"op":"atMost","value":0},"window":{"last":"30d"}}}""";

        var result = Segment.Evaluate(condition, facts);

        Assert.Equal(new SegmentResult(false, Now.AddDays(10)), result);
        Assert.Equal(new SegmentResult(true, null), Segment.Evaluate(condition, facts, Now.AddDays(10)));
    }

    [Fact]
    public void Exactly_once_in_a_window_can_start_when_an_older_event_leaves()
    {
        var facts = Profiles.New().Event("Login", Now.AddDays(-5)).Event("Login", Now.AddDays(-2)).Build();
        const string condition = """{"event":{"name":"Login","count":{"op":"exactly","value":1},"window":{"last":"7d"}}}""";

        var first = Segment.Evaluate(condition, facts);
        var second = Segment.Evaluate(condition, facts, first.ChangesAt);

        Assert.Equal(new SegmentResult(false, Now.AddDays(2)), first);
        Assert.Equal(new SegmentResult(true, Now.AddDays(5)), second);
    }

    [Fact]
    public void Events_at_the_same_instant_leave_the_window_together()
    {
        var at = Now.AddDays(-3);
        var facts = Profiles.New().Event("Login", at).Event("Login", at).Build();

        var result = Segment.Evaluate("""{"event":{"name":"Login","count":{"op":"exactly","value":1},"window":{"last":"7d"}}}""", facts);

        Assert.Equal(new SegmentResult(false, null), result);
    }

    [Fact]
    public void Revenue_in_the_last_90_days_drops_below_500_when_the_big_order_ages_out()
    {
        var facts = Profiles.New()
            .Event("Order Completed", Now.AddDays(-80), new { revenue = 300 })
            .Event("Order Completed", Now.AddDays(-10), new { revenue = 250 })
            .Build();

        var result = Segment.Evaluate("""
            {"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":500},"window":{"last":"90d"}}}
            """, facts);

        Assert.Equal(new SegmentResult(true, Now.AddDays(10)), result);
    }

    [Fact]
    public void A_max_in_a_window_changes_only_when_the_largest_value_leaves()
    {
        var facts = Profiles.New()
            .Event("Order Completed", Now.AddDays(-6), new { revenue = 80 })
            .Event("Order Completed", Now.AddDays(-5), new { revenue = 150 })
            .Event("Order Completed", Now.AddDays(-1), new { revenue = 50 })
            .Build();

        var result = Segment.Evaluate("""
            {"event":{"name":"Order Completed","aggregate":{"fn":"max","property":"revenue","op":"gte","value":100},"window":{"last":"7d"}}}
            """, facts);

        Assert.Equal(new SegmentResult(true, Now.AddDays(2)), result);
    }

    [Fact]
    public void A_fixed_window_counts_from_inclusive_to_exclusive_and_never_expires()
    {
        var facts = Profiles.New()
            .Event("Order Completed", new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero))
            .Event("Order Completed", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Event("Order Completed", new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero))
            .Event("Order Completed", new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero))
            .Build();

        var january = Segment.Evaluate("""{"event":{"name":"Order Completed","count":{"op":"exactly","value":2},"window":{"from":"2025-01-01","to":"2025-02-01"}}}""", facts);
        var since = Segment.Evaluate("""{"event":{"name":"Order Completed","count":{"op":"exactly","value":2},"window":{"from":"2025-01-15"}}}""", facts);
        var until = Segment.Evaluate("""{"event":{"name":"Order Completed","count":{"op":"exactly","value":1},"window":{"to":"2025-01-01"}}}""", facts);

        Assert.Equal(new SegmentResult(true, null), january);
        Assert.Equal(new SegmentResult(true, null), since);
        Assert.Equal(new SegmentResult(true, null), until);
    }

    [Fact]
    public void A_type_limits_the_calls_that_count()
    {
        var facts = Profiles.New().Event("Pricing", Now.AddHours(-1), type: EventType.Page).Build();

        Assert.True(Segment.IsMember("""{"event":{"name":"Pricing","type":"page"}}""", facts));
        Assert.True(Segment.IsMember("""{"event":{"name":"Pricing"}}""", facts));
        Assert.False(Segment.IsMember("""{"event":{"name":"Pricing","type":"track"}}""", facts));
    }

    [Fact]
    public void Event_names_match_exactly()
    {
        var facts = Profiles.New().Event("order completed", Now.AddHours(-1)).Build();

        Assert.False(Segment.IsMember("""{"event":{"name":"Order Completed"}}""", facts));
    }

    [Fact]
    public void An_event_stamped_after_now_counts_as_recent()
    {
        var skewed = Now.AddMinutes(5);
        var facts = Profiles.New().Event("Login", skewed).Build();

        var result = Segment.Evaluate("""{"event":{"name":"Login","window":{"last":"1h"}}}""", facts);

        Assert.Equal(new SegmentResult(true, skewed.AddHours(1)), result);
    }

    [Fact]
    public void Events_out_of_timestamp_order_are_refused()
    {
        var facts = new ProfileFacts(new Core.Profiles.ProfileState(),
        [
            new ProfileEvent("Login", EventType.Track, Now, EventProperties.None),
            new ProfileEvent("Login", EventType.Track, Now.AddDays(-1), EventProperties.None),
        ]);

        Assert.Throws<ArgumentException>(() => Segment.Evaluate("""{"event":{"name":"Login"}}""", facts));
    }

    [Fact]
    public void A_logged_event_becomes_a_profile_event_with_its_properties()
    {
        var logged = new LogEvent(7, 1, 1, "m-1", EventType.Track, "Order Completed", "u-1", null, Now, Now,
            """{"type":"track","event":"Order Completed","properties":{"revenue":42.5,"cart_id":"c-9"}}""");

        var e = ProfileEvent.FromLogEvent(logged);

        Assert.Equal("Order Completed", e.Name);
        Assert.Equal(Now, e.Timestamp);
        Assert.True(e.Properties["revenue"].TryGetDecimal(out var revenue));
        Assert.Equal(42.5m, revenue);
        Assert.True(Segment.IsMember("""{"event":{"name":"Order Completed","where":[{"property":"cart_id","op":"equals","value":"c-9"}]}}""",
            new ProfileFacts(new Core.Profiles.ProfileState(), [e])));
    }
}
