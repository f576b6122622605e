using Omnia.Core.Attribution;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Tests.Visits;
using static Omnia.Core.Tests.Visits.Timeline;

namespace Omnia.Core.Tests.Paths;

public class JourneyAttributionTests
{
    private static PathSet Journeys(params ProfileEvent[][] people)
    {
        var query = new PathQuery { From = T0, To = T0.AddDays(30) };
        var accumulator = new PathAccumulator(query, new GoalMatcher(ConversionGoal.Purchase), collectJourneys: true);
        foreach (var events in people)
            accumulator.Add(new ProfileState(), events, null);
        return JourneyAttribution.PathSet([accumulator]);
    }

    private static readonly ProfileEvent[] SearchThenEmail =
        new Timeline().Page(0, channel: Channels.PaidSearch, campaign: "brand").Page(Days(1), channel: Channels.Email, campaign: "news").Order(Days(1) + 5, 100).Events;

    private static readonly ProfileEvent[] SocialOnly = new Timeline().Page(Days(2), channel: Channels.Social).Events;

    [Fact]
    public void Each_journey_is_one_path_with_one_conversion_and_its_value_or_one_null()
    {
        var paths = Journeys(SearchThenEmail, SocialOnly);

        Assert.Equal((2L, 1.0, 100.0, 1.0), (paths.Journeys, paths.TotalConversions, paths.TotalValue, paths.TotalNulls));
        var report = AttributionEngine.Run(paths, [AttributionModel.FirstTouch, AttributionModel.LastTouch, AttributionModel.TimeDecay]);
        Assert.Equal(["paid_search", "email", "social"], report.Keys.Select(k => k.Channel));
        Assert.Equal([1.0, 0, 0], report[AttributionModel.FirstTouch].Conversions);
        Assert.Equal([0, 100.0, 0], report[AttributionModel.LastTouch].Value);
        // A day between the touches, half-life 7 days: weights 2^(-24/168) and 1.
        var first = Math.Pow(2, -1.0 / 7);
        Assert.Equal(first / (first + 1), report[AttributionModel.TimeDecay].Conversions[0], 12);
    }

    [Fact]
    public void The_comparison_puts_every_model_side_by_side_with_cpa_and_roas_where_costs_exist()
    {
        var paths = Journeys(SearchThenEmail, SearchThenEmail, SocialOnly);
        var costs = new Dictionary<AttributionKey, double> { [new("paid_search")] = 50, [new("display")] = 30 };

        var comparison = ModelComparison.Build(paths, [AttributionModel.FirstTouch, AttributionModel.LastTouch, AttributionModel.Markov(1), AttributionModel.Shapley],
            AttributionOptions.Default, costs, journeys: 3);

        // By the first model's conversions, ties by channel.
        Assert.Equal(["paid_search", "display", "email", "social"], comparison.Rows.Select(r => r.Channel));
        var search = comparison.Rows[0];
        Assert.Equal(new ModelCredit("first_touch", 2, 200, 25, 4), search.Models[0]);
        Assert.Equal(new ModelCredit("last_touch", 0, 0, null, 0), search.Models[1]);
        Assert.Equal([1], search.RemovalEffects.Keys);
        Assert.Equal(1.0, search.RemovalEffects[1], 12);
        Assert.NotNull(search.ShapleyMarginals);
        var display = comparison.Rows[1];
        Assert.Equal((30.0, 0.0), (display.Cost, display.Models[0].Conversions));
        // The two identical journeys are one path with two conversions; the comparison still counts three journeys.
        Assert.Equal(2, paths.Count);
        Assert.Equal((2.0, 200.0, 80.0, 3L), (comparison.TotalConversions, comparison.TotalRevenue, comparison.TotalCost!.Value, comparison.Journeys));
    }

    [Fact]
    public void Campaign_level_credits_name_the_campaign_of_each_touch()
    {
        var comparison = ModelComparison.Build(Journeys(SearchThenEmail), [AttributionModel.Linear],
            AttributionOptions.Default with { Level = AttributionLevel.Campaign }, new Dictionary<AttributionKey, double>());

        Assert.Equal([("email", "news", 0.5), ("paid_search", "brand", 0.5)], comparison.Rows.Select(r => (r.Channel, r.Campaign!, r.Models[0].Conversions)));
        Assert.Null(comparison.TotalCost);
    }

    [Fact]
    public void Without_journeys_the_comparison_lists_the_costs_with_no_credit()
    {
        var comparison = ModelComparison.Build(Journeys(), [AttributionModel.FirstTouch, AttributionModel.Shapley], AttributionOptions.Default,
            new Dictionary<AttributionKey, double> { [new("display")] = 30 });

        var row = Assert.Single(comparison.Rows);
        Assert.Equal(("display", 30.0, 0.0, (double?)null), (row.Channel, row.Cost, row.Models[1].Conversions, row.Models[1].Cpa));
    }

    [Fact]
    public void The_same_journeys_in_another_order_give_the_same_path_set()
    {
        var forward = AttributionEngine.Run(Journeys(SearchThenEmail, SocialOnly, SearchThenEmail), AttributionModel.All);
        var backward = AttributionEngine.Run(Journeys(SearchThenEmail, SearchThenEmail, SocialOnly), AttributionModel.All);

        Assert.Equal(forward.Keys, backward.Keys);
        for (var m = 0; m < forward.Models.Count; m++)
            Assert.Equal(forward.Models[m].Value, backward.Models[m].Value);
    }
}
