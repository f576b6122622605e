using Omnia.Core.Journeys;

namespace Omnia.Core.Tests.Journeys;

public class UpliftTests
{
    // Newcombe (1998), "Interval estimation for the difference between independent proportions", Statistics in
    // Medicine 17:873-890, Table II, method 10 (hybrid score, no continuity correction).
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void The_absolute_uplift_interval_matches_Newcombes_published_figures(int x1, int n1, int x0, int n0, double low, double high)
    {
        var uplift = UpliftEstimate.Compare(x1, n1, x0, n0);

        Assert.Equal((double)x1 / n1 - (double)x0 / n0, uplift.Absolute, 12);
        Assert.Equal(low, Math.Round(uplift.AbsoluteLow, 4));
        Assert.Equal(high, Math.Round(uplift.AbsoluteHigh, 4));
    }

    [Fact]
    public void The_relative_uplift_interval_is_the_log_rate_ratio_interval()
    {
        // 56/70 = 0.8 against 48/80 = 0.6: ratio 4/3, SE of ln = √(1/56 − 1/70 + 1/48 − 1/80) = 0.109109,
        // so 4/3 · exp(±1.959964 · 0.109109) = 4/3 · [0.80747, 1.23843] = [1.07663, 1.65125].
        var uplift = UpliftEstimate.Compare(56, 70, 48, 80);

        Assert.Equal(1.0 / 3, uplift.Relative!.Value, 10);
        Assert.Equal(0.07663, Math.Round(uplift.RelativeLow!.Value, 5));
        Assert.Equal(0.65125, Math.Round(uplift.RelativeHigh!.Value, 5));
        Assert.True(uplift.IsSignificantlyPositive);
    }

    [Fact]
    public void Without_control_conversions_there_is_no_relative_uplift()
    {
        var uplift = UpliftEstimate.Compare(5, 56, 0, 29);

        Assert.Null(uplift.Relative);
        Assert.Null(uplift.RelativeLow);
        Assert.False(uplift.IsSignificantlyPositive);
    }

    [Fact]
    public void The_wilson_interval_of_nothing_converted_starts_at_zero()
    {
        var (low, high) = UpliftEstimate.Wilson(0, 20);

        Assert.Equal(0, low);
        Assert.Equal(0.1611, Math.Round(high, 4)); // z² / (n + z²) = 3.8415 / 23.8415
    }

    [Fact]
    public void Conversions_are_counted_per_journey_step_and_variant_and_compared_with_control()
    {
        var outcomes = new List<InstanceOutcome>();
        void Add(int count, string variant, bool converted, params string[] nodes)
        {
            for (var i = 0; i < count; i++)
                outcomes.Add(new InstanceOutcome(["split", .. nodes], [new VariantAssignment("split", variant)], converted));
        }
        Add(56, "a", true, "email");
        Add(14, "a", false, "email");
        Add(48, "control", true);
        Add(32, "control", false);

        var report = JourneyConversions.Count(outcomes);

        Assert.Equal(new ConversionRate(150, 104), report.Journey);
        Assert.Equal(new ConversionRate(70, 56), report.Steps["email"]);
        Assert.Equal(new ConversionRate(150, 104), report.Steps["split"]);
        Assert.Equal(
            [new VariantConversions("split", "a", new ConversionRate(70, 56)), new VariantConversions("split", "control", new ConversionRate(80, 48))],
            report.Variants);
        var uplift = report.Uplift("split")!;
        Assert.Equal(0.0524, Math.Round(uplift.AbsoluteLow, 4));
        Assert.Null(report.Uplift("no-such-split"));
    }
}
