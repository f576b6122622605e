using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>Shapley values of the channels in the first-order Markov chain's coalition game.</summary>
public sealed class ShapleyTests
{
    [Fact]
    public void Two_channels_get_their_hand_computed_shapley_values()
    {
        var paths = Of(new Row("a > b", 1, 30, 0), new Row("b > a", 1, 10, 1));

        var report = AttributionEngine.Run(paths, [AttributionModel.Shapley]);
        var credits = Credits(report, AttributionModel.Shapley);
        var shapley = report.Models[0].Shapley!;

        // The chain of MarkovModelTests: start a 1/3, b 2/3; a: →b 1/3, →conv 1/3; b: →a 2/3, →conv 1/3.
        // v({a}) = 1/3 · 1/3 = 1/9, v({b}) = 2/3 · 1/3 = 2/9, v({a,b}) = 2/3.
        // φ_a = (v(a) − 0)/2 + (v(ab) − v(b))/2 = 1/18 + 4/18 = 5/18; φ_b = 2/18 + 5/18 = 7/18.
        // Credits 2 × φ / (2/3): a 5/6, b 7/6.
        Assert.True(shapley.Exact);
        Assert.Equal(5.0 / 6, credits["a"].Conversions, 14);
        Assert.Equal(7.0 / 6, credits["b"].Conversions, 14);
        // Marginal contributions in conversions (× 2 / (2/3) = 3): a alone 1/9 · 3 = 1/3, a joining b 4/9 · 3 = 4/3.
        Assert.Equal(1.0 / 3, shapley.MarginalConversions[0][0], 14);
        Assert.Equal(4.0 / 3, shapley.MarginalConversions[0][1], 14);
        // Value: w(a) = 1/3 · 10/3 = 10/9, w(b) = 2/3 · 10 = 20/3, w(ab) = 40/3.
        // φ_a = 5/9 + 10/3 = 35/9, φ_b = 10/3 + 55/9 = 85/9; credits 40 × φ / (40/3): a 35/3, b 85/3.
        Assert.Equal(35.0 / 3, credits["a"].Value, 12);
        Assert.Equal(85.0 / 3, credits["b"].Value, 12);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Exact_values_match_the_average_over_every_order_of_independent_coalition_solves(int seed)
    {
        string[] channels = ["search", "email", "social", "display", "direct"];
        var rows = Random(seed, 400, channels, maxLength: 8);
        var paths = Of([.. rows]);
        var dense = new DenseMarkov(rows, 1);
        double Worth(IEnumerable<string> coalition) => dense.Solve([.. channels.Except(coalition)]).Conversion;

        var report = AttributionEngine.Run(paths, [AttributionModel.Shapley]);

        var phi = channels.ToDictionary(c => c, _ => 0.0);
        var orders = Permutations(channels).ToList();
        foreach (var order in orders)
        {
            for (int i = 0; i < order.Length; i++)
            {
                phi[order[i]] += (Worth(order[..(i + 1)]) - Worth(order[..i])) / orders.Count;
            }
        }

        double all = Worth(channels);
        for (int k = 0; k < report.Keys.Count; k++)
        {
            Assert.Equal(paths.TotalConversions * phi[report.Keys[k].Channel] / all, report.Models[0].Conversions[k], 1e-9);
        }
    }

    [Fact]
    public void The_last_marginal_contribution_is_the_first_order_removal_effect()
    {
        var paths = Of([.. Random(41, 300, ["a", "b", "c", "d"])]);

        var report = AttributionEngine.Run(paths, [AttributionModel.Shapley, AttributionModel.Markov(1)]);
        var shapley = report[AttributionModel.Shapley].Shapley!;
        var markov = report[AttributionModel.Markov(1)].Markov!;

        for (int k = 0; k < report.Keys.Count; k++)
        {
            Assert.Equal(markov.RemovalEffectConversion[k] * paths.TotalConversions, shapley.MarginalConversions[k][^1], 1e-9);
            Assert.Equal(shapley.MarginalConversions[k].Average(), report[AttributionModel.Shapley].Conversions[k], 1e-9);
        }
    }

    [Fact]
    public void Beyond_the_exact_limit_sampled_values_sum_to_the_total_and_land_within_their_standard_errors()
    {
        string[] channels = [.. Enumerable.Range(1, 17).Select(i => $"c{i}")];
        var paths = Of([.. Random(51, 3_000, channels, maxLength: 5)]);

        var sampled = AttributionEngine.Run(paths, [AttributionModel.Shapley]).Models[0];
        var exact = AttributionEngine.Run(paths, [AttributionModel.Shapley], AttributionOptions.Default with { ShapleyExactLimit = 20 }).Models[0];

        Assert.False(sampled.Shapley!.Exact);
        Assert.True(exact.Shapley!.Exact);
        Assert.Equal(2_006, sampled.Shapley.Permutations); // 2,000 rounded up to whole rotations of 17
        Assert.Equal(paths.TotalConversions, sampled.Conversions.Sum(), 1e-9 * paths.TotalConversions);
        Assert.Equal(paths.TotalValue, sampled.Value.Sum(), 1e-9 * paths.TotalValue);
        for (int k = 0; k < channels.Length; k++)
        {
            double error = sampled.Shapley.StandardErrorConversions[k];
            Assert.InRange(error, 1e-12, 0.05 * exact.Conversions[k]);
            Assert.InRange(sampled.Conversions[k], exact.Conversions[k] - 5 * error, exact.Conversions[k] + 5 * error);
        }
    }

    [Fact]
    public void Sampling_is_reproducible_with_the_same_seed_and_changes_with_another()
    {
        string[] channels = [.. Enumerable.Range(1, 16).Select(i => $"c{i}")];
        var paths = Of([.. Random(61, 1_000, channels)]);
        var options = AttributionOptions.Default with { ShapleyPermutations = 320 };

        var first = AttributionEngine.Run(paths, [AttributionModel.Shapley], options).Models[0];
        var again = AttributionEngine.Run(paths, [AttributionModel.Shapley], options).Models[0];
        var other = AttributionEngine.Run(paths, [AttributionModel.Shapley], options with { Seed = 2 }).Models[0];

        Assert.Equal(first.Conversions, again.Conversions);
        Assert.NotEqual(first.Conversions, other.Conversions);
    }

    [Fact]
    public void Many_channels_are_sampled_reproducibly_and_still_sum_to_the_total()
    {
        string[] channels = [.. Enumerable.Range(1, 30).Select(i => $"c{i}")];
        var paths = Of([.. Random(71, 4_000, channels, maxLength: 5)]);
        var options = AttributionOptions.Default with { ShapleyPermutations = 300 };

        var first = AttributionEngine.Run(paths, [AttributionModel.Shapley], options).Models[0];
        var again = AttributionEngine.Run(paths, [AttributionModel.Shapley], options).Models[0];

        Assert.Equal(300, first.Shapley!.Permutations);
        Assert.Equal(first.Conversions, again.Conversions);
        Assert.Equal(paths.TotalConversions, first.Conversions.Sum(), 1e-9 * paths.TotalConversions);
        Assert.All(first.Shapley.StandardErrorConversions, e => Assert.True(e > 0));
    }

    [Fact]
    public void More_than_400_channels_are_refused_with_a_reason()
    {
        var builder = new PathSetBuilder();
        for (int i = 0; i < 401; i++)
        {
            builder.Add([new($"c{i}")], 1, 1, 1);
        }

        var error = Assert.Throws<ArgumentException>(() => AttributionEngine.Run(builder.Build(), [AttributionModel.Shapley, AttributionModel.Linear]));

        Assert.Contains("at most 400", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (string[])[item, .. rest]));
}
