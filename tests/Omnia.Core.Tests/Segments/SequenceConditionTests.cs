using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class SequenceConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    private const string AbandonedCart = """
        {"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h","did":false,"key":"cart_id"}}
        """;

    [Fact]
    public void Adding_then_ordering_the_same_cart_is_not_abandonment()
    {
        var facts = Profiles.New()
            .Event("Product Added", Now.AddHours(-2), new { cart_id = "A" })
            .Event("Order Completed", Now.AddHours(-1.5), new { cart_id = "A" })
            .Build();

        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(AbandonedCart, facts));
    }

    [Fact]
    public void Adding_cart_A_and_ordering_cart_B_abandons_A_once_the_hour_has_passed()
    {
        var added = Now.AddMinutes(-30);
        var facts = Profiles.New()
            .Event("Product Added", added, new { cart_id = "A" })
            .Event("Order Completed", Now.AddMinutes(-10), new { cart_id = "B" })
            .Build();

        var before = Segment.Evaluate(AbandonedCart, facts);

        Assert.Equal(new SegmentResult(false, added.AddHours(1)), before);
        Assert.False(Segment.IsMember(AbandonedCart, facts, added.AddHours(1).AddTicks(-1)));
        Assert.Equal(new SegmentResult(true, null), Segment.Evaluate(AbandonedCart, facts, added.AddHours(1)));
        Assert.True(Segment.IsMember(AbandonedCart, facts, added.AddHours(1).AddMilliseconds(1)));
    }

    [Fact]
    public void An_order_at_exactly_the_end_of_the_hour_still_counts()
    {
        var added = Now.AddHours(-3);
        var facts = Profiles.New()
            .Event("Product Added", added, new { cart_id = "A" })
            .Event("Order Completed", added.AddHours(1), new { cart_id = "A" })
            .Build();

        Assert.False(Segment.IsMember(AbandonedCart, facts));
    }

    [Fact]
    public void An_order_after_the_hour_does_not_undo_the_abandonment()
    {
        var added = Now.AddHours(-3);
        var facts = Profiles.New()
            .Event("Product Added", added, new { cart_id = "A" })
            .Event("Order Completed", added.AddHours(2), new { cart_id = "A" })
            .Build();

        Assert.True(Segment.IsMember(AbandonedCart, facts));
    }

    [Fact]
    public void An_order_before_the_add_does_not_answer_it()
    {
        var facts = Profiles.New()
            .Event("Order Completed", Now.AddHours(-3), new { cart_id = "A" })
            .Event("Product Added", Now.AddHours(-2), new { cart_id = "A" })
            .Build();

        Assert.True(Segment.IsMember(AbandonedCart, facts));
    }

    [Fact]
    public void Adds_without_the_key_property_are_ignored()
    {
        var facts = Profiles.New().Event("Product Added", Now.AddHours(-2), new { sku = "X" }).Build();

        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(AbandonedCart, facts));
    }

    [Fact]
    public void One_open_cart_among_ordered_ones_is_enough()
    {
        var open = Now.AddMinutes(-20);
        var facts = Profiles.New()
            .Event("Product Added", Now.AddHours(-3), new { cart_id = "A" })
            .Event("Product Added", Now.AddHours(-3).AddMinutes(5), new { cart_id = "A" })
            .Event("Order Completed", Now.AddHours(-2.5), new { cart_id = "A" })
            .Event("Product Added", open, new { cart_id = "B" })
            .Build();

        Assert.Equal(new SegmentResult(false, open.AddHours(1)), Segment.Evaluate(AbandonedCart, facts));
    }

    [Fact]
    public void Without_a_key_any_order_within_the_hour_answers_the_add()
    {
        const string condition = """{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h","did":false}}""";
        var facts = Profiles.New()
            .Event("Product Added", Now.AddHours(-2), new { cart_id = "A" })
            .Event("Order Completed", Now.AddHours(-1.5), new { cart_id = "B" })
            .Build();

        Assert.False(Segment.IsMember(condition, facts));
    }

    [Fact]
    public void A_windowed_abandonment_ends_when_the_add_leaves_the_window()
    {
        var added = Now.AddHours(-2);
        var facts = Profiles.New().Event("Product Added", added, new { cart_id = "A" }).Build();
        var condition = AbandonedCart.Replace("\"key\":\"cart_id\"", "\"key\":\"cart_id\",\"window\":{\"last\":\"7d\"}", StringComparison.Ordinal);

        Assert.Equal(new SegmentResult(true, added.AddDays(7)), Segment.Evaluate(condition, facts));
        Assert.False(Segment.IsMember(condition, facts, added.AddDays(7)));
    }

    [Fact]
    public void Consecutive_abandoned_carts_keep_the_profile_in_without_a_gap()
    {
        var first = Now.AddDays(-6);
        var second = Now.AddDays(-2);
        var facts = Profiles.New()
            .Event("Product Added", first, new { cart_id = "A" })
            .Event("Product Added", second, new { cart_id = "B" })
            .Build();
        var condition = AbandonedCart.Replace("\"key\":\"cart_id\"", "\"key\":\"cart_id\",\"window\":{\"last\":\"7d\"}", StringComparison.Ordinal);

        Assert.Equal(new SegmentResult(true, second.AddDays(7)), Segment.Evaluate(condition, facts));
    }

    [Fact]
    public void An_abandonment_that_starts_as_another_ends_leaves_no_gap()
    {
        // Cart A counts from +1d to +7d, cart B from +7d (added at +6d, a day's wait) to +13d.
        var first = Now.AddDays(-2);
        var facts = Profiles.New()
            .Event("Product Added", first, new { cart_id = "A" })
            .Event("Product Added", first.AddDays(6), new { cart_id = "B" })
            .Build();
        const string condition = """
            {"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1d","did":false,"key":"cart_id","window":{"last":"7d"}}}
            """;

        Assert.Equal(new SegmentResult(true, first.AddDays(13)), Segment.Evaluate(condition, facts));
    }

    [Fact]
    public void Did_then_within_needs_the_second_event_in_time()
    {
        const string condition = """
            {"sequence":{"first":{"name":"Product Viewed","where":[{"property":"category","op":"equals","value":"shoes"}]},"then":{"name":"Product Added"},"within":"30m","did":true,"window":{"last":"7d"}}}
            """;
        var viewed = Now.AddDays(-1);
        var quick = Profiles.New()
            .Event("Product Viewed", viewed, new { category = "shoes" })
            .Event("Product Added", viewed.AddMinutes(10))
            .Build();
        var slow = Profiles.New()
            .Event("Product Viewed", viewed, new { category = "shoes" })
            .Event("Product Added", viewed.AddMinutes(45))
            .Build();
        var otherCategory = Profiles.New()
            .Event("Product Viewed", viewed, new { category = "hats" })
            .Event("Product Added", viewed.AddMinutes(10))
            .Build();

        Assert.Equal(new SegmentResult(true, viewed.AddDays(7)), Segment.Evaluate(condition, quick));
        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(condition, slow));
        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(condition, otherCategory));
    }

    [Fact]
    public void The_same_event_kind_can_follow_itself()
    {
        const string condition = """{"sequence":{"first":{"name":"Login"},"then":{"name":"Login"},"within":"1h","did":true}}""";

        var once = Profiles.New().Event("Login", Now.AddHours(-2)).Build();
        var twice = Profiles.New().Event("Login", Now.AddHours(-2)).Event("Login", Now.AddHours(-1.5)).Build();

        Assert.False(Segment.IsMember(condition, once));
        Assert.True(Segment.IsMember(condition, twice));
    }
}
