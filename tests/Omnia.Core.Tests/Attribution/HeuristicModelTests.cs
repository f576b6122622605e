using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>The rule-based models on paths small enough to credit by hand.</summary>
public sealed class HeuristicModelTests
{
    // a > b > c converted 2 times for 20, b > a once for 5, c never (3 nulls).
    private static readonly PathSet Three = Of(new Row("a > b > c", 2, 20, 0), new Row("b > a", 1, 5, 0), new Row("c", 0, 0, 3));

    [Fact]
    public void First_touch_credits_each_path_to_its_first_channel()
    {
        var credits = Run(Three, AttributionModel.FirstTouch);

        // a: path 1 (2 conversions, 20); b: path 2 (1, 5); c: path 3 converts nothing.
        Assert.Equal((2.0, 20.0), credits["a"]);
        Assert.Equal((1.0, 5.0), credits["b"]);
        Assert.Equal((0.0, 0.0), credits["c"]);
    }

    [Fact]
    public void Last_touch_credits_each_path_to_its_last_channel()
    {
        var credits = Run(Three, AttributionModel.LastTouch);

        Assert.Equal((1.0, 5.0), credits["a"]);
        Assert.Equal((0.0, 0.0), credits["b"]);
        Assert.Equal((2.0, 20.0), credits["c"]);
    }

    [Fact]
    public void Linear_gives_a_repeated_channel_one_share_per_touch()
    {
        var credits = Run(Of(new Row("a > b > a", 3, 30, 1)), AttributionModel.Linear);

        // Three touches, a third each: a touched twice gets 2/3 of 3 conversions and of 30.
        Assert.Equal(2, credits["a"].Conversions, 12);
        Assert.Equal(20, credits["a"].Value, 12);
        Assert.Equal(1, credits["b"].Conversions, 12);
        Assert.Equal(10, credits["b"].Value, 12);
    }

    [Fact]
    public void Last_non_direct_skips_direct_touches_unless_every_touch_is_direct()
    {
        var paths = Of(new Row("email > Direct > direct", 2, 20, 0), new Row("direct > direct", 1, 7, 0), new Row("direct > search", 1, 3, 0));

        var credits = Run(paths, AttributionModel.LastNonDirect);

        // Path 1 goes to email (Direct matches case-insensitively), path 2 has only direct, path 3 ends with search.
        Assert.Equal((2.0, 20.0), credits["email"]);
        Assert.Equal((1.0, 7.0), credits["direct"]);
        Assert.Equal((0.0, 0.0), credits["Direct"]);
        Assert.Equal((1.0, 3.0), credits["search"]);
    }

    [Fact]
    public void Last_non_direct_skips_the_configured_direct_channel()
    {
        var credits = Run(Of(new Row("email > (none)", 1, 4, 0)), AttributionModel.LastNonDirect, AttributionOptions.Default with { DirectChannel = "(none)" });

        Assert.Equal((1.0, 4.0), credits["email"]);
    }

    [Fact]
    public void Time_decay_halves_the_credit_for_every_half_life_before_the_last_touch()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new PathSetBuilder();
        builder.Add([new("a", Timestamp: start), new("b", Timestamp: start.AddDays(7)), new("c", Timestamp: start.AddDays(14))], 7, 70, 0);

        var credits = Run(builder.Build(), AttributionModel.TimeDecay, AttributionOptions.Default with { TimeDecayHalfLife = TimeSpan.FromDays(7) });

        // Weights 1/4, 1/2, 1 (two, one and no half-lives before c) → shares 1/7, 2/7, 4/7 of 7 conversions and 70.
        Assert.Equal(1, credits["a"].Conversions, 12);
        Assert.Equal(2, credits["b"].Conversions, 12);
        Assert.Equal(4, credits["c"].Conversions, 12);
        Assert.Equal(40, credits["c"].Value, 12);
    }

    [Fact]
    public void Time_decay_follows_the_half_life_and_ignores_when_the_path_started()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new PathSetBuilder();
        builder.Add([new("a", Timestamp: start), new("b", Timestamp: start.AddDays(1))], 3, 0, 0);
        builder.Add([new("a", Timestamp: start.AddYears(1)), new("b", Timestamp: start.AddYears(1).AddDays(1))], 3, 0, 0);

        var credits = Run(builder.Build(), AttributionModel.TimeDecay, AttributionOptions.Default with { TimeDecayHalfLife = TimeSpan.FromDays(1) });

        // Each path: a one half-life before b → weights 1/2 and 1 → a gets 1 of 3, b gets 2 of 3; two paths double it.
        Assert.Equal(2, credits["a"].Conversions, 12);
        Assert.Equal(4, credits["b"].Conversions, 12);
    }

    [Fact]
    public void Time_decay_without_timestamps_halves_the_credit_per_touch()
    {
        var credits = Run(Of(new Row("a > b > c", 7, 0, 0)), AttributionModel.TimeDecay);

        // No timestamps: each touch before the last counts as one half-life → 1/7, 2/7, 4/7.
        Assert.Equal(1, credits["a"].Conversions, 12);
        Assert.Equal(2, credits["b"].Conversions, 12);
        Assert.Equal(4, credits["c"].Conversions, 12);
    }

    [Fact]
    public void Position_based_gives_40_percent_to_each_end_and_20_percent_to_the_middle()
    {
        var credits = Run(Of(new Row("a > b > c > d", 10, 100, 0), new Row("e", 1, 1, 0), new Row("f > g", 2, 2, 0)), AttributionModel.PositionBased);

        // Four touches: 40 / 10 / 10 / 40 %. One touch: all of it. Two touches: half each.
        Assert.Equal(4, credits["a"].Conversions, 12);
        Assert.Equal(1, credits["b"].Conversions, 12);
        Assert.Equal(1, credits["c"].Conversions, 12);
        Assert.Equal(40, credits["d"].Value, 12);
        Assert.Equal((1.0, 1.0), credits["e"]);
        Assert.Equal(1, credits["f"].Conversions, 12);
        Assert.Equal(1, credits["g"].Conversions, 12);
    }

    [Fact]
    public void W_shaped_gives_30_percent_to_the_first_lead_and_opportunity_touches_and_10_to_the_rest()
    {
        var builder = new PathSetBuilder();
        builder.Add(
            [new("a"), new("b"), new("c", Milestone: JourneyMilestone.Lead), new("d", Milestone: JourneyMilestone.Opportunity), new("e")], 20, 200, 0);

        var credits = Run(builder.Build(), AttributionModel.WShaped);

        // First a, lead c, opportunity d: 30 % each (6 of 20); b and e share 10 % (1 each).
        Assert.Equal(6, credits["a"].Conversions, 12);
        Assert.Equal(1, credits["b"].Conversions, 12);
        Assert.Equal(6, credits["c"].Conversions, 12);
        Assert.Equal(60, credits["d"].Value, 12);
        Assert.Equal(1, credits["e"].Conversions, 12);
    }

    [Fact]
    public void W_shaped_adds_the_shares_of_a_touch_with_several_roles()
    {
        var builder = new PathSetBuilder();
        builder.Add([new("a", Milestone: JourneyMilestone.Lead), new("b"), new("c")], 10, 0, 0);

        var credits = Run(builder.Build(), AttributionModel.WShaped);

        // a is first touch and lead (60 %), c the last touch stands for the opportunity (30 %), b has the rest (10 %).
        Assert.Equal(6, credits["a"].Conversions, 12);
        Assert.Equal(1, credits["b"].Conversions, 12);
        Assert.Equal(3, credits["c"].Conversions, 12);
    }

    [Fact]
    public void W_shaped_without_milestones_scales_first_and_last_up()
    {
        var credits = Run(Of(new Row("a > b > c > d", 14, 0, 0), new Row("e > f", 2, 0, 0)), AttributionModel.WShaped);

        // No lead: weights 0.3, 0.05, 0.05, 0.3 sum to 0.7 → 3/7, 1/14, 1/14, 3/7 of 14. Two touches: half each.
        Assert.Equal(6, credits["a"].Conversions, 12);
        Assert.Equal(1, credits["b"].Conversions, 12);
        Assert.Equal(1, credits["c"].Conversions, 12);
        Assert.Equal(6, credits["d"].Conversions, 12);
        Assert.Equal(1, credits["e"].Conversions, 12);
        Assert.Equal(1, credits["f"].Conversions, 12);
    }

    [Fact]
    public void Campaign_level_credits_each_campaign_and_keeps_touches_without_one_apart()
    {
        var builder = new PathSetBuilder();
        builder.Add([new("email", "spring"), new("email", "summer"), new("email")], 3, 30, 0);

        var report = AttributionEngine.Run(builder.Build(), [AttributionModel.Linear], AttributionOptions.Default with { Level = AttributionLevel.Campaign });
        var credits = Credits(report, AttributionModel.Linear);

        Assert.Equal([new AttributionKey("email", "spring"), new AttributionKey("email", "summer"), new AttributionKey("email")], report.Keys);
        Assert.Equal(1, credits["email / spring"].Conversions, 12);
        Assert.Equal(10, credits["email / summer"].Value, 12);
        Assert.Equal(1, credits["email"].Conversions, 12);
    }
}
