using Omnia.Core.Attribution;
using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Tests.Visits;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Paths;

public class PathTests
{
    private static readonly PathQuery November = new() { From = T0, To = T0.AddDays(30) };

    /// <summary>A: organic search, then an email click visit that buys for 100.</summary>
    private static ProfileEvent[] OrganicThenEmailBuyer(decimal revenue = 100) => new Timeline()
        .Page(0, channel: Channels.OrganicSearch)
        .At(Days(2), "Email Link Clicked", DeviceType.Unknown, Channels.Email, "spring_sale")
        .Page(Days(2) + 1, channel: Channels.Email, campaign: "spring_sale")
        .Order(Days(2) + 10, revenue)
        .Events;

    /// <summary>B: a paid social ad, then a direct visit two days later that buys for 50.</summary>
    private static ProfileEvent[] PaidSocialThenDirectBuyer() => new Timeline()
        .Page(Days(1), DeviceType.Mobile, Channels.PaidSocial, "spring_sale")
        .Page(Days(3), DeviceType.Mobile)
        .Order(Days(3) + 5, 50, DeviceType.Mobile)
        .Events;

    /// <summary>C: organic search, then an email visit, no order.</summary>
    private static ProfileEvent[] OrganicThenEmailBrowser() => new Timeline()
        .Page(Days(4), channel: Channels.OrganicSearch)
        .Page(Days(5), channel: Channels.Email, campaign: "spring_sale")
        .Events;

    internal static PathReport Run(PathQuery query, params ProfileEvent[][] profiles) => Run(query, ConversionGoal.Purchase, profiles.Select(e => (e, (StoredAudience?)null)).ToArray());

    internal static PathReport Run(PathQuery query, ConversionGoal goal, params (ProfileEvent[] Events, StoredAudience? Audience)[] profiles)
    {
        // Two accumulators, as two workers of a scan would have, to exercise the merge.
        var accumulators = new[] { new PathAccumulator(query, new GoalMatcher(goal)), new PathAccumulator(query, new GoalMatcher(goal)) };
        for (var i = 0; i < profiles.Length; i++)
            accumulators[i % 2].Add(new ProfileState { Id = i + 1 }, profiles[i].Events, profiles[i].Audience);
        return PathReport.Build(goal.Slug, accumulators);
    }

    [Fact]
    public void Top_paths_count_journeys_conversions_share_rate_revenue_and_median_time_to_convert()
    {
        var report = Run(November, OrganicThenEmailBuyer(100), OrganicThenEmailBuyer(80), PaidSocialThenDirectBuyer(), OrganicThenEmailBrowser());

        var all = Assert.Single(report.Groups);
        Assert.Equal(("all", 4L, 3L, 230.0), (all.Name, all.Journeys, all.Conversions, all.Revenue));
        Assert.Equal(["organic_search > email", "paid_social"], all.TopConverting.Select(p => p.Text));
        var top = all.TopConverting[0];
        Assert.Equal((3L, 2L, 180.0, 2), (top.Journeys, top.Conversions, top.Revenue, top.Length));
        Assert.Equal(2.0 / 3, top.Share, 12);
        Assert.Equal(2.0 / 3, top.ConversionRate, 12);
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(10), top.MedianTimeToConvert);
        Assert.Equal(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5), all.TopConverting[1].MedianTimeToConvert);
        Assert.Equal(["organic_search > email"], all.TopNotConverting.Select(p => p.Text));
    }

    [Fact]
    public void Repeats_show_once_unless_asked_to_keep_them()
    {
        var kept = Run(November with { CollapseRepeats = false }, PaidSocialThenDirectBuyer(), OrganicThenEmailBuyer());

        Assert.Equal(["organic_search > email > email", "paid_social > paid_social"], kept.Groups[0].TopConverting.Select(p => p.Text).Order());
        Assert.Equal(["organic_search > email", "paid_social"], Run(November, PaidSocialThenDirectBuyer(), OrganicThenEmailBuyer()).Groups[0].TopConverting.Select(p => p.Text).Order());
    }

    [Fact]
    public void Paths_by_campaign_name_the_campaign_of_each_touchpoint()
    {
        var report = Run(November with { Level = AttributionLevel.Campaign }, OrganicThenEmailBuyer());

        Assert.Equal("organic_search > email / spring_sale", report.Groups[0].TopConverting[0].Text);
    }

    [Fact]
    public void Touchpoints_before_the_lookback_do_not_count_and_a_conversion_without_any_is_on_no_path()
    {
        var events = new Timeline().Page(0, channel: Channels.Display).Page(Days(10), channel: Channels.Email).At(Days(35), "Order Completed", DeviceType.Unknown).Events;
        var goal = ConversionGoal.Purchase with { Lookback = SegmentDuration.Days(30) };

        var report = Run(November with { To = T0.AddDays(60) }, goal, (events, null));

        Assert.Equal("email", Assert.Single(report.Groups[0].TopConverting).Text);
        var tooLate = Run(November with { To = T0.AddDays(60) }, goal with { Lookback = SegmentDuration.Days(20) }, (events, null));
        Assert.Equal((1L, 1L, 0), (tooLate.Groups[0].Conversions, tooLate.Groups[0].WithoutTouchpoint, tooLate.Groups[0].TopConverting.Count));
    }

    [Fact]
    public void A_conversion_path_starts_after_the_previous_conversion_even_before_the_period()
    {
        var events = new Timeline()
            .Page(0, channel: Channels.Display).Order(5, 10)                   // before the period
            .Page(Days(2), channel: Channels.Email).Order(Days(2) + 5, 20)     // in the period: email only
            .Order(Days(2) + 8, 30)                                            // a repeat order in the same visit: email again
            .Events;

        var report = Run(November with { From = T0.AddDays(1) }, events);

        var row = Assert.Single(report.Groups[0].TopConverting);
        Assert.Equal(("email", 2L, 50.0), (row.Text, row.Conversions, row.Revenue));
    }

    [Fact]
    public void Conversions_after_the_period_are_left_out_and_their_touchpoints_form_a_journey_that_did_not_convert()
    {
        var events = new Timeline().Page(Days(29), channel: Channels.Email).Order(Days(31), 20).Events;

        var group = Run(November, events).Groups[0];

        Assert.Equal((1L, 0L), (group.Journeys, group.Conversions));
        Assert.Equal("email", group.TopNotConverting[0].Text);
    }

    [Fact]
    public void Paths_break_down_by_the_device_of_the_conversion()
    {
        var report = Run(November with { Breakdown = PathBreakdown.Device }, OrganicThenEmailBuyer(), PaidSocialThenDirectBuyer());

        Assert.Equal(["desktop", "mobile"], report.Groups.Select(g => g.Name).Order());
        Assert.Equal("paid_social", report.Groups.Single(g => g.Name == "mobile").TopConverting[0].Text);
    }

    [Fact]
    public void Paths_break_down_by_acquisition_channel_persona_and_segment_membership()
    {
        var vip = new StoredAudience(2, [7], null) { Persona = "p2" };
        var profiles = new (ProfileEvent[], StoredAudience?)[] { (OrganicThenEmailBuyer(), null), (PaidSocialThenDirectBuyer(), vip) };

        var byAcquisition = Run(November with { Breakdown = PathBreakdown.Acquisition }, ConversionGoal.Purchase, profiles);
        var byPersona = Run(November with { Breakdown = PathBreakdown.Persona }, ConversionGoal.Purchase, profiles);
        var bySegment = Run(November with { Breakdown = PathBreakdown.Segment, SegmentId = 7 }, ConversionGoal.Purchase, profiles);

        Assert.Equal(["organic_search", "paid_social"], byAcquisition.Groups.Select(g => g.Name).Order());
        Assert.Equal(["none", "p2"], byPersona.Groups.Select(g => g.Name).Order());
        Assert.Equal([("member", 50.0), ("not member", 100.0)], bySegment.Groups.Select(g => (g.Name, g.Revenue)).Order());
    }
}
