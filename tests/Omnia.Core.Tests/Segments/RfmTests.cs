using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class RfmTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(90, 4)]
    [InlineData(180, 3)]
    [InlineData(365, 2)]
    [InlineData(366, 1)]
    public void Recency_scores_high_for_recent_orders_with_each_threshold_the_top_of_its_band(double days, int expected)
    {
        Assert.Equal(expected, RfmBreakpoints.Default.RecencyScore(days));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(5, 4)]
    [InlineData(6, 5)]
    public void Frequency_scores_rise_with_orders(double orders, int expected)
    {
        Assert.Equal(expected, RfmBreakpoints.Default.FrequencyScore(orders));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(50.01, 2)]
    [InlineData(400, 3)]
    [InlineData(1000, 4)]
    [InlineData(1000.5, 5)]
    public void Monetary_scores_rise_with_revenue(double revenue, int expected)
    {
        Assert.Equal(expected, RfmBreakpoints.Default.MonetaryScore(revenue));
    }

    [Fact]
    public void Breakpoints_from_a_population_are_its_quintiles()
    {
        var customers = Enumerable.Range(1, 100).Select(i => ((double)i, (double)(101 - i), i * 10.0));

        var breakpoints = RfmBreakpoints.FromPopulation(customers);

        Assert.Equal([20.8, 40.6, 60.4, 80.2], breakpoints.RecencyDays, Close);
        Assert.Equal([20.8, 40.6, 60.4, 80.2], breakpoints.Frequency, Close);
        Assert.Equal([208, 406, 604, 802], breakpoints.Monetary, Close);
        // Each score then holds a fifth of the customers.
        var scores = Enumerable.Range(1, 100).GroupBy(i => breakpoints.RecencyScore(i)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(scores.Values, count => Assert.Equal(20, count));
    }

    [Fact]
    public void Mostly_one_order_customers_give_equal_frequency_breakpoints()
    {
        var customers = new[] { 1, 1, 1, 1, 1, 1, 2, 2, 3, 8 }.Select(orders => (10.0, (double)orders, 100.0));

        var breakpoints = RfmBreakpoints.FromPopulation(customers);

        Assert.Equal([1, 1, 1.4, 2.2], breakpoints.Frequency, Close);
        Assert.Equal(1, breakpoints.FrequencyScore(1));
        Assert.Equal(4, breakpoints.FrequencyScore(2));
        Assert.Equal(5, breakpoints.FrequencyScore(3));
    }

    [Fact]
    public void An_empty_population_gives_the_defaults_and_bad_values_are_refused()
    {
        Assert.Equal(RfmBreakpoints.Default, RfmBreakpoints.FromPopulation([]));
        Assert.Throws<ArgumentException>(() => RfmBreakpoints.FromPopulation([(double.NaN, 1, 1)]));
        Assert.Throws<ArgumentException>(() => RfmBreakpoints.FromPopulation([(1, -1, 1)]));
        Assert.Throws<ArgumentException>(() => new RfmBreakpoints([1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4]));
        Assert.Throws<ArgumentException>(() => new RfmBreakpoints([1, 2, 3, 4], [1, 3, 2, 4], [1, 2, 3, 4]));
    }

    [Fact]
    public void Breakpoints_are_data_that_round_trip_through_json()
    {
        var json = JsonSerializer.Serialize(RfmBreakpoints.Default, JsonSerializerOptions.Web);

        Assert.Equal("""{"recencyDays":[30,90,180,365],"frequency":[1,2,3,5],"monetary":[50,150,400,1000]}""", json);
        Assert.Equal(RfmBreakpoints.Default, JsonSerializer.Deserialize<RfmBreakpoints>(json, JsonSerializerOptions.Web));
    }

    [Theory]
    [InlineData(5, 5, "champions")]
    [InlineData(5, 4, "champions")]
    [InlineData(4, 5, "loyal")]
    [InlineData(3, 4, "loyal")]
    [InlineData(5, 2, "potentialLoyalists")]
    [InlineData(4, 3, "potentialLoyalists")]
    [InlineData(5, 1, "newCustomers")]
    [InlineData(4, 1, "promising")]
    [InlineData(3, 3, "needAttention")]
    [InlineData(3, 1, "aboutToSleep")]
    [InlineData(2, 3, "atRisk")]
    [InlineData(1, 4, "atRisk")]
    [InlineData(2, 5, "cantLoseThem")]
    [InlineData(1, 5, "cantLoseThem")]
    [InlineData(2, 2, "hibernating")]
    [InlineData(1, 2, "hibernating")]
    [InlineData(1, 1, "lost")]
    public void The_segment_map_follows_the_recency_by_frequency_grid(int recency, int frequency, string expected)
    {
        Assert.Equal(expected, RfmSegments.Of(recency, frequency));
    }

    [Fact]
    public void Every_score_pair_has_a_segment_and_every_segment_is_used()
    {
        var used = (from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) select RfmSegments.Of(r, f)).ToHashSet();

        Assert.Equal(RfmSegments.Names.Order(), used.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Of(0, 3));
    }

    private static readonly IEqualityComparer<double> Close = EqualityComparer<double>.Create((a, b) => Math.Abs(a - b) < 1e-9, _ => 0);
}
