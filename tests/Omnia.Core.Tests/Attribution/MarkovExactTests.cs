using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>The exact Markov solution against an independent dense solve, on generated paths with fixed seeds.</summary>
public sealed class MarkovExactTests
{
    private static readonly string[] Channels = ["search", "email", "social", "display", "direct"];

    public static TheoryData<int, int> Cases() => new() { { 1, 1 }, { 2, 1 }, { 3, 2 }, { 4, 2 }, { 5, 3 }, { 6, 3 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Removal_effects_and_credits_match_a_dense_solve_of_the_same_chain(int seed, int order)
    {
        var rows = Random(seed, 300, Channels);
        var paths = Of([.. rows]);
        var dense = new DenseMarkov(rows, order);

        var report = AttributionEngine.Run(paths, [AttributionModel.Markov(order)]);
        var markov = report.Models[0].Markov!;

        var (conversion, value) = dense.Solve();
        Assert.Equal(conversion, markov.ConversionProbability, 1e-13);
        Assert.Equal(value, markov.ExpectedValue, 1e-10 * value);
        var removal = report.Keys.Select(k => dense.Solve(k.Channel)).ToArray();
        var effects = removal.Select(r => 1 - r.Conversion / conversion).ToArray();
        var valueEffects = removal.Select(r => 1 - r.Value / value).ToArray();
        for (int k = 0; k < report.Keys.Count; k++)
        {
            Assert.Equal(effects[k], markov.RemovalEffectConversion[k], 1e-12);
            Assert.Equal(valueEffects[k], markov.RemovalEffectValue[k], 1e-12);
            Assert.Equal(paths.TotalConversions * effects[k] / effects.Sum(), report.Models[0].Conversions[k], 1e-9);
            Assert.Equal(paths.TotalValue * valueEffects[k] / valueEffects.Sum(), report.Models[0].Value[k], 1e-7);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void At_order_one_the_conversion_probability_is_the_share_of_journeys_that_converted(int seed)
    {
        var paths = Of([.. Random(seed, 500, Channels, maxLength: 10)]);

        var markov = AttributionEngine.Run(paths, [AttributionModel.Markov(1)]).Models[0].Markov!;

        // Flow conservation: the chain estimated from the paths reproduces their conversion rate.
        Assert.Equal(paths.TotalConversions / (paths.TotalConversions + paths.TotalNulls), markov.ConversionProbability, 1e-13);
    }

    [Fact]
    public void The_same_paths_give_the_same_bits()
    {
        var rows = Random(21, 2_000, Channels, maxLength: 12);

        var first = AttributionEngine.Run(Of([.. rows]), [AttributionModel.Markov(1), AttributionModel.Markov(2), AttributionModel.Markov(3)]);
        var second = AttributionEngine.Run(Of([.. rows]), [AttributionModel.Markov(3), AttributionModel.Markov(2), AttributionModel.Markov(1)]);

        foreach (var model in first.Models)
        {
            Assert.Equal(model.Conversions, second[model.Model].Conversions);
            Assert.Equal(model.Value, second[model.Model].Value);
            Assert.Equal(model.Markov!.RemovalEffectConversion, second[model.Model].Markov!.RemovalEffectConversion);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Counting_transitions_in_a_dictionary_builds_the_same_chain_as_counting_in_an_array(int order)
    {
        var paths = Of([.. Random(81, 1_000, Channels, maxLength: 9)]);
        var (touchKeys, keys) = paths.KeysFor(AttributionLevel.Channel);

        var dense = MarkovChain.Build(paths, touchKeys, keys.Length, order);
        var sparse = MarkovChain.Build(paths, touchKeys, keys.Length, order, denseLimit: 0);

        Assert.Equal(dense.Codes, sparse.Codes);
        Assert.Equal(dense.Columns, sparse.Columns);
        Assert.Equal(dense.Probabilities, sparse.Probabilities);
        Assert.Equal(dense.ValueReward, sparse.ValueReward);
        Assert.Equal(dense.StartProbabilities, sparse.StartProbabilities);
    }

    [Fact]
    public void A_long_loop_between_channels_is_solved_to_the_end_without_a_step_cap()
    {
        // One journey alternates a > b a thousand times and converts; another stops at a. From b the walk goes back to
        // a 999 times in 1,000, so converting takes about 2,000 steps on average: no step cap cuts it short.
        string loop = string.Join(" > ", Enumerable.Repeat("a > b", 1000));
        var rows = new Row[] { new(loop, 1, 10, 0), new("a", 0, 0, 1) };

        var markov = AttributionEngine.Run(Of(rows), [AttributionModel.Markov(1)]).Models[0].Markov!;

        // Flow conservation: P(conversion) = 1 / (1 + 1).
        Assert.Equal(0.5, markov.ConversionProbability, 1e-13);
        Assert.Equal(new DenseMarkov(rows, 1).Solve().Conversion, markov.ConversionProbability, 1e-13);
    }
}
