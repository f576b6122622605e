using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class BooleanConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    private const string Gold = """{"trait":{"name":"plan","op":"equals","value":"gold"}}""";
    private const string Silver = """{"trait":{"name":"plan","op":"equals","value":"silver"}}""";
    private const string German = """{"trait":{"name":"country","op":"equals","value":"DE"}}""";
    private const string Ordered = """{"event":{"name":"Order Completed"}}""";

    [Theory]
    [InlineData($$"""{"and":[{{Gold}},{{German}}]}""", true)]
    [InlineData($$"""{"and":[{{Gold}},{{Silver}}]}""", false)]
    [InlineData($$"""{"or":[{{Silver}},{{German}}]}""", true)]
    [InlineData($$"""{"or":[{{Silver}},{{Ordered}}]}""", false)]
    [InlineData($$"""{"not":{{Silver}}}""", true)]
    [InlineData($$$"""{"not":{"not":{{{Gold}}}}}""", true)]
    [InlineData($$"""{"and":[{{Gold}},{"or":[{{Silver}},{"not":{{Ordered}}}]}]}""", true)]
    [InlineData($$"""{"and":[{{Gold}},{"or":[{{Silver}},{{Ordered}}]}]}""", false)]
    [InlineData($$"""{"or":[{"and":[{{Silver}},{{German}}]},{"and":[{{Gold}},{"not":{{German}}}]}]}""", false)]
    [InlineData($$"""{"or":[{"and":[{{Silver}},{{German}}]},{"and":[{{Gold}},{{German}}]}]}""", true)]
    [InlineData($$"""{"and":[{{Gold}}]}""", true)]
    [InlineData($$"""{"or":[{{Silver}}]}""", false)]
    public void And_or_and_not_combine_as_in_logic(string condition, bool expected)
    {
        var facts = Profiles.New().Trait("plan", "gold").Trait("country", "DE").Build();

        var result = Segment.Evaluate(condition, facts);

        Assert.Equal(new SegmentResult(expected, null), result);
    }

    [Fact]
    public void Gold_and_active_this_week_ends_when_the_visit_ages_out()
    {
        var visit = Now.AddDays(-6);
        var facts = Profiles.New().Trait("plan", "gold").Event("Page Viewed", visit).Build();

        var result = Segment.Evaluate($$$$"""{"and":[{{{{Gold}}}},{"event":{"name":"Page Viewed","window":{"last":"7d"}}}]}""", facts);

        Assert.Equal(new SegmentResult(true, visit.AddDays(7)), result);
    }

    [Fact]
    public void Bought_this_year_but_not_this_month_starts_and_ends_on_time()
    {
        var order = Now.AddDays(-20);
        var facts = Profiles.New().Event("Order Completed", order).Build();
        const string lapsing = """
            {"and":[
              {"event":{"name":"Order Completed","window":{"last":"365d"}}},
              {"not":{"event":{"name":"Order Completed","window":{"last":"30d"}}}}
            ]}
            """;

        var now = Segment.Evaluate(lapsing, facts);
        var later = Segment.Evaluate(lapsing, facts, now.ChangesAt);

        Assert.Equal(new SegmentResult(false, order.AddDays(30)), now);
        Assert.Equal(new SegmentResult(true, order.AddDays(365)), later);
    }

    [Fact]
    public void An_and_waits_until_every_part_holds_at_the_same_time()
    {
        // renewal in the next 30 days: from +20d to +50d; last visit 7 days old: from +6d on.
        var facts = Profiles.New().Trait("renewal", Now.AddDays(50).ToString("O")).Event("Page Viewed", Now.AddDays(-1)).Build();
        const string condition = """
            {"and":[
              {"trait":{"name":"renewal","op":"inNext","value":"30d"}},
              {"not":{"event":{"name":"Page Viewed","window":{"last":"7d"}}}}
            ]}
            """;

        Assert.Equal(new SegmentResult(false, Now.AddDays(20)), Segment.Evaluate(condition, facts));
    }

    [Fact]
    public void An_and_whose_parts_never_overlap_never_changes()
    {
        // renewal in the next 5 days: +20d to +25d; trial ended within the last 10 days: +30d to +40d.
        var facts = Profiles.New()
            .Trait("renewal", Now.AddDays(25).ToString("O"))
            .Trait("trial_end", Now.AddDays(30).ToString("O"))
            .Build();
        const string condition = """
            {"and":[
              {"trait":{"name":"renewal","op":"inNext","value":"5d"}},
              {"trait":{"name":"trial_end","op":"withinLast","value":"10d"}}
            ]}
            """;

        Assert.Equal(new SegmentResult(false, null), Segment.Evaluate(condition, facts));
    }

    [Fact]
    public void An_or_lasts_while_overlapping_parts_hand_over()
    {
        // visited in the last 7 days: until +5d; renewal in the next 7 days: +3d to +10d.
        var facts = Profiles.New().Event("Page Viewed", Now.AddDays(-2)).Trait("renewal", Now.AddDays(10).ToString("O")).Build();
        const string condition = """
            {"or":[
              {"event":{"name":"Page Viewed","window":{"last":"7d"}}},
              {"trait":{"name":"renewal","op":"inNext","value":"7d"}}
            ]}
            """;

        Assert.Equal(new SegmentResult(true, Now.AddDays(10)), Segment.Evaluate(condition, facts));
    }

    [Fact]
    public void An_or_with_a_gap_between_its_parts_ends_at_the_gap()
    {
        // visited in the last 7 days: until +5d; renewal in the next 4 days: +6d to +10d.
        var facts = Profiles.New().Event("Page Viewed", Now.AddDays(-2)).Trait("renewal", Now.AddDays(10).ToString("O")).Build();
        const string condition = """
            {"or":[
              {"event":{"name":"Page Viewed","window":{"last":"7d"}}},
              {"trait":{"name":"renewal","op":"inNext","value":"4d"}}
            ]}
            """;

        var now = Segment.Evaluate(condition, facts);
        var gap = Segment.Evaluate(condition, facts, now.ChangesAt);

        Assert.Equal(new SegmentResult(true, Now.AddDays(5)), now);
        Assert.Equal(new SegmentResult(false, Now.AddDays(6)), gap);
    }

    [Fact]
    public void A_not_flips_at_the_same_instant_as_its_condition()
    {
        var visit = Now.AddDays(-6);
        var facts = Profiles.New().Event("Page Viewed", visit).Build();

        var result = Segment.Evaluate("""{"not":{"event":{"name":"Page Viewed","window":{"last":"7d"}}}}""", facts);

        Assert.Equal(new SegmentResult(false, visit.AddDays(7)), result);
    }
}
