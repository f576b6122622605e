using Omnia.Core.Attribution;
using Omnia.Core.Costs;
using Omnia.Core.Goals;
using Omnia.Core.Kpis;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Tests.Visits;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Kpis;

public class KpiTests
{
    private static readonly DateOnly Nov1 = DateOnly.FromDateTime(T0.UtcDateTime);

    private static ProfileEvent[][] People() =>
    [
        // P1: a newsletter delivered, opened and clicked; the click's visit buys for 100; organic search three days later.
        new Timeline()
            .At(0, "Email Delivered", DeviceType.Unknown, Channels.Email, "news")
            .At(120, "Email Opened", DeviceType.Unknown, Channels.Email, "news")
            .At(121, "Email Link Clicked", DeviceType.Unknown, Channels.Email, "news")
            .Page(121.5, channel: Channels.Email, campaign: "news")
            .Order(130, 100)
            .Page(Days(3), channel: Channels.OrganicSearch)
            .Events,
        // P2: the newsletter delivered, never opened; unsubscribes the next day.
        new Timeline()
            .At(1, "Email Delivered", DeviceType.Unknown, Channels.Email, "news")
            .At(Days(1), "Email Unsubscribed", DeviceType.Unknown, Channels.Email, "news")
            .Events,
        // P3: a brand search ad, then a direct visit the next day that buys for 50 (last non-direct: paid search).
        new Timeline().Page(Days(1), channel: Channels.PaidSearch, campaign: "brand").Page(Days(2)).Order(Days(2) + 5, 50).Events,
        // P4: a direct visit that buys for 20.
        new Timeline().Page(Days(1) + 60).Order(Days(1) + 70, 20).Events,
    ];

    private static readonly CostRow[] Costs =
    [
        new(Nov1, Channels.Email, "news", 10m, 0, 0),
        new(Nov1.AddDays(1), Channels.PaidSearch, "brand", 25m, 1000, 40),
        new(Nov1.AddDays(40), Channels.PaidSearch, "brand", 99m, 1, 1), // outside the range
    ];

    private static KpiReport Run(KpiQuery query)
    {
        var goal = new GoalMatcher(ConversionGoal.Purchase);
        var accumulators = new[] { new KpiAccumulator(query, goal), new KpiAccumulator(query, goal) };
        var people = People();
        for (var i = 0; i < people.Length; i++)
            accumulators[i % 2].Add(new ProfileState { Id = i + 1 }, people[i], null);
        return KpiReport.Build(accumulators, Costs);
    }

    private static readonly KpiQuery November = new() { From = Nov1, To = Nov1.AddDays(30) };

    [Fact]
    public void Channel_totals_count_reach_messages_visits_conversions_and_join_costs()
    {
        var totals = Run(November).Totals.ToDictionary(r => r.Channel);

        Assert.Equal(["email", "paid_search", "direct", "organic_search"], Run(November).Totals.Select(r => r.Channel));
        var email = totals[Channels.Email];
        Assert.Equal((2L, 2L, 2L, 1L, 1L, 1L, 1L, 1L, 100.0, 10.0),
            (email.Reach, email.Sends, email.Delivered, email.Opens, email.Clicks, email.Unsubscribes, email.Visits, email.Conversions, email.Revenue, email.Cost!.Value));
        Assert.Equal((0.5, 0.5, 1.0, 10.0, 10.0, 9.0), (email.Ctr, email.OpenRate, email.ConversionRate, email.Cpa, email.Roas, email.Roi));

        var search = totals[Channels.PaidSearch];
        Assert.Equal((1L, 2L, 1L, 50.0, 25.0, 1000L, 40L), (search.Reach, search.Visits, search.Conversions, search.Revenue, search.Cost!.Value, search.Impressions, search.Clicks));
        Assert.Equal((0.04, 0.5, 25.0, 2.0, 1.0), (search.Ctr, search.ConversionRate, search.Cpa, search.Roas, search.Roi));

        var direct = totals[Channels.Direct];
        Assert.Equal((1L, 1L, 20.0, (double?)null, (double?)null), (direct.Visits, direct.Conversions, direct.Revenue, direct.Cost, direct.Roas));
        Assert.Equal((1L, 0L, (double?)0.0), (totals[Channels.OrganicSearch].Visits, totals[Channels.OrganicSearch].Conversions, totals[Channels.OrganicSearch].ConversionRate));
    }

    [Fact]
    public void Daily_rows_put_each_count_and_cost_on_its_own_day()
    {
        var rows = Run(November).Rows.Where(r => r.Channel == Channels.PaidSearch).ToList();

        Assert.Equal([Nov1.AddDays(1), Nov1.AddDays(2)], rows.Select(r => r.Period!.Value));
        Assert.Equal([(1L, 0L, (double?)25.0), (1L, 1L, null)], rows.Select(r => (r.Visits, r.Conversions, r.Cost)));
    }

    [Fact]
    public void Reach_counts_each_person_once_per_period_however_often_they_were_touched()
    {
        // P3's two paid search visits fall in the same ISO week (Mon 2 to Sun 8 November): reach 1, visits 2.
        var week = Run(November with { Period = KpiPeriod.Week }).Rows.Single(r => r.Channel == Channels.PaidSearch);

        Assert.Equal((new DateOnly(2026, 11, 2), 1L, 2L), (week.Period!.Value, week.Reach, week.Visits));
    }

    [Fact]
    public void Campaign_rows_split_channels_by_campaign_with_their_own_costs()
    {
        var totals = Run(November with { Level = AttributionLevel.Campaign }).Totals;

        var brand = totals.Single(r => r.Campaign == "brand");
        Assert.Equal((Channels.PaidSearch, 25.0, 1L), (brand.Channel, brand.Cost!.Value, brand.Conversions));
        Assert.Equal(100.0, totals.Single(r => r.Campaign == "news").Revenue);
    }

    [Fact]
    public void Targets_are_met_missed_or_without_data()
    {
        var target = new KpiTarget(Channels.Email, "ctr", TargetDirection.AtLeast, 0.6, KpiPeriod.Month);
        var ceiling = new KpiTarget(Channels.PaidSearch, "cpa", TargetDirection.AtMost, 30, KpiPeriod.Month);
        var totals = Run(November).Totals.ToDictionary(r => r.Channel);

        Assert.Equal(TargetStatus.Missed, target.Judge(KpiCatalog.Value(totals[Channels.Email], "ctr")));
        Assert.Equal(TargetStatus.Met, ceiling.Judge(KpiCatalog.Value(totals[Channels.PaidSearch], "cpa")));
        Assert.Equal(TargetStatus.NoData, ceiling.Judge(KpiCatalog.Value(totals[Channels.Direct], "cpa")));
    }

    [Fact]
    public void A_target_list_reads_back_and_a_kpi_that_does_not_fit_its_channel_is_refused()
    {
        var parsed = KpiTarget.ParseList("""[{"channel":"email","kpi":"openRate","op":"atLeast","value":0.25,"period":"month"},{"channel":"paid_search","kpi":"roas","op":"atLeast","value":3}]""");
        Assert.Equal(2, parsed.Targets!.Count);
        Assert.Equal(KpiPeriod.Week, parsed.Targets[1].Period);
        Assert.Equal(parsed.Targets, KpiTarget.ParseList(KpiTarget.ToJson(parsed.Targets)).Targets);

        var errors = KpiTarget.ParseList("""[{"channel":"organic_search","kpi":"cpa","op":"atMost","value":5},{"channel":"email","kpi":"ctr","op":"above","value":2,"period":"year"}]""")
            .Errors.Select(e => e.ToString()).ToList();

        Assert.Equal([
            "[0].kpi: cpa does not fit organic_search: it is measured for channels that cost money",
            "[1].op: 'above' is not one of atLeast, atMost",
            "[1].value: 2 is above 1; ctr is a rate from 0 to 1 (0.02 for 2 %)",
            "[1].period: 'year' is not one of day, week, month",
        ], errors);
    }

    [Fact]
    public void Periods_start_on_the_first_day_monday_and_first_of_month()
    {
        var wednesday = new DateOnly(2026, 11, 18);

        Assert.Equal(new DateOnly(2026, 11, 16), KpiPeriods.Start(wednesday, KpiPeriod.Week));
        Assert.Equal(new DateOnly(2026, 11, 1), KpiPeriods.Start(wednesday, KpiPeriod.Month));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), KpiPeriods.LastComplete(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero), KpiPeriod.Month));
        Assert.Equal((new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)), KpiPeriods.LastComplete(new DateTimeOffset(2026, 11, 18, 8, 0, 0, TimeSpan.Zero), KpiPeriod.Week));
    }
}
