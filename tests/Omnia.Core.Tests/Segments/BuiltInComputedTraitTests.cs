using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class BuiltInComputedTraitTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    /// <summary>Last order 10 days and 3 hours ago: 10 whole days, 11 from lastOrder + 11d.</summary>
    private static readonly DateTimeOffset LastOrder = Now.AddDays(-10).AddHours(-3);

    private static ProfileFacts Customer(int orders = 4, decimal revenue = 250m) => Profiles.New().With(p =>
    {
        p.OrderCount = orders;
        p.Revenue = revenue;
        p.EventCount = 40;
        p.FirstSeen = Now.AddDays(-400);
        p.LastSeen = Now.AddHours(-30);
        p.LastOrderAt = LastOrder;
        p.ChannelCounts["email"] = 3;
        p.ChannelCounts["sms"] = 5;
        p.ChannelCounts["direct"] = 5;
    }).Build();

    [Fact]
    public void The_preferred_channel_has_the_most_events_and_ties_go_to_the_first_code_in_ordinal_order()
    {
        Assert.True(Segment.IsMember("""{"computed":{"name":"preferredChannel","op":"equals","value":"direct"}}""", Customer()));
        Assert.Equal(new ComputedTraitResult("direct", null), ComputedTraits.Evaluate("preferredChannel", Customer(), Now));
        Assert.True(Segment.IsMember("""{"computed":{"name":"preferredChannel","op":"notExists"}}""", Profiles.New().Build()));
    }

    [Theory]
    [InlineData("gt", "10", false, 11)]
    [InlineData("gte", "10", true, null)]
    [InlineData("lte", "10", true, 11)]
    [InlineData("lt", "10.5", true, 11)]
    [InlineData("gt", "10.5", false, 11)]
    [InlineData("equals", "12", false, 12)]
    [InlineData("notEquals", "10", false, 11)]
    [InlineData("in", "[3, 20]", false, 20)]
    [InlineData("gt", "90", false, 91)]
    [InlineData("lt", "3", false, null)]
    [InlineData("exists", null, true, null)]
    public void Days_since_the_last_purchase_flips_at_the_whole_day_boundary_where_the_comparison_turns(string op, string? value, bool expected, int? flipDay)
    {
        var condition = Condition("daysSinceLastPurchase", op, value);
        var facts = Customer();

        var result = Segment.Evaluate(condition, facts);

        Assert.Equal(new SegmentResult(expected, flipDay is { } day ? LastOrder.AddDays(day) : null), result);
        if (result.ChangesAt is { } changesAt)
        {
            Assert.Equal(expected, Segment.IsMember(condition, facts, changesAt.AddTicks(-1)));
            Assert.NotEqual(expected, Segment.IsMember(condition, facts, changesAt));
        }
    }

    [Theory]
    [InlineData("gt", "90", false)]
    [InlineData("lte", "90", false)]
    [InlineData("equals", "0", false)]
    [InlineData("in", "[0, 1]", false)]
    [InlineData("notEquals", "5", true)]
    [InlineData("exists", null, false)]
    [InlineData("notExists", null, true)]
    public void Someone_who_never_bought_has_no_days_since_their_last_purchase_so_only_not_equals_and_not_exists_match(string op, string? value, bool expected)
    {
        var facts = Profiles.New().With(p => (p.EventCount, p.LastSeen, p.FirstSeen) = (1, Now.AddDays(-1), Now.AddDays(-1))).Build();

        var result = Segment.Evaluate(Condition("daysSinceLastPurchase", op, value), facts);

        Assert.Equal(new SegmentResult(expected, null), result);
    }

    [Fact]
    public void Days_since_last_seen_counts_whole_days_from_the_latest_event()
    {
        var facts = Customer();

        Assert.Equal(new ComputedTraitResult(1m, Now.AddHours(-30).AddDays(2)), ComputedTraits.Evaluate("daysSinceLastSeen", facts, Now));
        Assert.Equal(new SegmentResult(true, Now.AddHours(-30).AddDays(7)), Segment.Evaluate("""{"computed":{"name":"daysSinceLastSeen","op":"lt","value":7}}""", facts));
    }

    [Fact]
    public void An_order_stamped_in_the_future_is_zero_days_old_until_a_day_after_it()
    {
        var future = Now.AddHours(5);
        var facts = Profiles.New().With(p => (p.OrderCount, p.LastOrderAt) = (1, future)).Build();

        Assert.Equal(new ComputedTraitResult(0m, future.AddDays(1)), ComputedTraits.Evaluate("daysSinceLastPurchase", facts, Now));
    }

    [Fact]
    public void Average_order_value_is_revenue_per_order_and_none_before_the_first_order()
    {
        Assert.Equal(new ComputedTraitResult(62.5m, null), ComputedTraits.Evaluate("averageOrderValue", Customer(), Now));
        Assert.True(Segment.IsMember("""{"computed":{"name":"averageOrderValue","op":"gt","value":60}}""", Customer()));
        Assert.Equal(new ComputedTraitResult(null, null), ComputedTraits.Evaluate("averageOrderValue", Profiles.New().Build(), Now));
    }

    [Fact]
    public void Rfm_scores_use_the_default_breakpoints_and_the_segment_follows_recency_as_it_decays()
    {
        var facts = Customer(orders: 6, revenue: 1200m);

        Assert.Equal(5m, ComputedTraits.Evaluate("rfmFrequency", facts, Now).Value);
        Assert.Equal(5m, ComputedTraits.Evaluate("rfmMonetary", facts, Now).Value);
        // Recency 5 up to 30 whole days, 4 from day 31: champions become loyal then.
        Assert.Equal(new ComputedTraitResult(5m, LastOrder.AddDays(31)), ComputedTraits.Evaluate("rfmRecency", facts, Now));
        Assert.Equal(new ComputedTraitResult("champions", LastOrder.AddDays(31)), ComputedTraits.Evaluate("rfmSegment", facts, Now));
        Assert.Equal("loyal", ComputedTraits.Evaluate("rfmSegment", facts, LastOrder.AddDays(31)).Value);

        var champions = """{"computed":{"name":"rfmSegment","op":"equals","value":"champions"}}""";
        Assert.Equal(new SegmentResult(true, LastOrder.AddDays(31)), Segment.Evaluate(champions, facts));
        Assert.False(Segment.IsMember(champions, facts, LastOrder.AddDays(31)));
        Assert.True(Segment.IsMember(champions, facts, LastOrder.AddDays(31).AddTicks(-1)));
    }

    [Fact]
    public void An_rfm_segment_that_does_not_change_when_recency_steps_down_reports_the_later_change()
    {
        // Three orders score frequency 3: at risk at recency 2 and 1 alike, so only leaving recency 3 matters.
        var facts = Profiles.New().With(p => (p.OrderCount, p.Revenue, p.LastOrderAt) = (3, 90m, Now.AddDays(-200))).Build();

        var result = ComputedTraits.Evaluate("rfmSegment", facts, Now);

        Assert.Equal(new ComputedTraitResult("atRisk", null), result);
        Assert.Equal(new SegmentResult(true, null), Segment.Evaluate("""{"computed":{"name":"rfmSegment","op":"in","value":["atRisk","cantLoseThem"]}}""", facts));
    }

    [Fact]
    public void Rfm_breakpoints_come_from_the_workspace_audience()
    {
        var audience = new AudienceContext(new RfmBreakpoints([1, 2, 3, 4], [10, 20, 30, 40], [1000, 2000, 3000, 4000]), []);
        var facts = Customer() with { Audience = audience };

        Assert.Equal(1m, ComputedTraits.Evaluate("rfmRecency", facts, Now).Value);
        Assert.Equal(1m, ComputedTraits.Evaluate("rfmFrequency", facts, Now).Value);
        Assert.Equal("lost", ComputedTraits.Evaluate("rfmSegment", facts, Now).Value);
        Assert.True(Segment.IsMember("""{"computed":{"name":"rfmSegment","op":"equals","value":"lost"}}""", facts));
        Assert.False(Segment.IsMember("""{"computed":{"name":"rfmSegment","op":"equals","value":"lost"}}""", Customer()));
    }

    [Fact]
    public void A_profile_without_orders_has_no_rfm_scores()
    {
        var facts = Profiles.New().Build();

        foreach (var name in new[] { "rfmRecency", "rfmFrequency", "rfmMonetary", "rfmSegment" })
            Assert.Equal(new ComputedTraitResult(null, null), ComputedTraits.Evaluate(name, facts, Now));
        Assert.True(Segment.IsMember("""{"computed":{"name":"rfmRecency","op":"notExists"}}""", facts));
    }

    [Theory]
    [InlineData("""{"computed":{"name":"rfmSegment","op":"gt","value":3}}""", "condition.computed.op: 'gt' does not apply to rfmSegment, which is text; use one of equals, notEquals, contains, startsWith, in, exists, notExists")]
    [InlineData("""{"computed":{"name":"daysSinceLastPurchase","op":"withinLast","value":"3d"}}""", "condition.computed.op: 'withinLast' does not apply to daysSinceLastPurchase, which is a number; use one of equals, notEquals, in, exists, notExists, gt, gte, lt, lte")]
    [InlineData("""{"computed":{"name":"rfmRecency","op":"equals","value":"5"}}""", "condition.computed.value: must be a number: rfmRecency is a number")]
    public void New_built_in_traits_check_operators_and_values_by_kind(string condition, string expected)
    {
        Assert.Equal([expected], Segment.ErrorsOf(condition));
    }

    private static string Condition(string name, string op, string? value) => value is null
        ? $$$"""{"computed":{"name":"{{{name}}}","op":"{{{op}}}"}}"""
        : $$$"""{"computed":{"name":"{{{name}}}","op":"{{{op}}}","value":{{{value}}}}}""";
}
