using Omnia.Core.Attribution;
using static Omnia.Core.Tests.Attribution.Journeys;

namespace Omnia.Core.Tests.Attribution;

/// <summary>The Markov models on chains small enough to solve by hand, with the arithmetic in the comments.</summary>
public sealed class MarkovModelTests
{
    // a > b converts once (value 30); b > a converts once (value 10) and once not.
    private static readonly PathSet TwoWay = Of(new Row("a > b", 1, 30, 0), new Row("b > a", 1, 10, 1));

    [Fact]
    public void First_order_removal_effects_and_credits_match_the_hand_solved_chain()
    {
        var report = AttributionEngine.Run(TwoWay, [AttributionModel.Markov(1)]);
        var credits = Credits(report, AttributionModel.Markov(1));
        var markov = report.Models[0].Markov!;

        // Counts: start→a 1, start→b 2 (path 2 weighs 1 conversion + 1 null); a→b 1; b→a 2; b→conv 1; a→conv 1; a→null 1.
        // Rows: a: →b 1/3, →conv 1/3, →null 1/3. b: →a 2/3, →conv 1/3. Start: a 1/3, b 2/3.
        // x_a = 1/3 + x_b/3, x_b = 1/3 + 2x_a/3 → x_a = 4/7, x_b = 5/7; P(conv) = 1/3·4/7 + 2/3·5/7 = 2/3.
        Assert.Equal(2.0 / 3, markov.ConversionProbability, 14);
        // Without a: x_b = 1/3, P = 2/9 → RE_a = 1 − (2/9)/(2/3) = 2/3. Without b: x_a = 1/3, P = 1/9 → RE_b = 5/6.
        Assert.Equal(2.0 / 3, markov.RemovalEffectConversion[0], 14);
        Assert.Equal(5.0 / 6, markov.RemovalEffectConversion[1], 14);
        // Credits: 2 conversions × RE / (2/3 + 5/6 = 3/2) → a 8/9, b 10/9.
        Assert.Equal(8.0 / 9, credits["a"].Conversions, 14);
        Assert.Equal(10.0 / 9, credits["b"].Conversions, 14);
    }

    [Fact]
    public void Value_is_credited_through_the_mean_value_per_conversion_of_the_last_state()
    {
        var report = AttributionEngine.Run(TwoWay, [AttributionModel.Markov(1)]);
        var credits = Credits(report, AttributionModel.Markov(1));
        var markov = report.Models[0].Markov!;

        // Paths ending in b convert for 30 each, in a for 10: rewards r_a = 1/3·10, r_b = 1/3·30.
        // y_a = 10/3 + y_b/3, y_b = 10 + 2y_a/3 → y_a = 60/7, y_b = 110/7; E = 1/3·60/7 + 2/3·110/7 = 40/3.
        Assert.Equal(40.0 / 3, markov.ExpectedValue, 12);
        // Without a: y_b = 10, E = 20/3 → RE = 1/2. Without b: y_a = 10/3, E = 10/9 → RE = 11/12.
        Assert.Equal(0.5, markov.RemovalEffectValue[0], 14);
        Assert.Equal(11.0 / 12, markov.RemovalEffectValue[1], 14);
        // Value 40 × RE / (1/2 + 11/12 = 17/12) → a 240/17, b 440/17.
        Assert.Equal(240.0 / 17, credits["a"].Value, 12);
        Assert.Equal(440.0 / 17, credits["b"].Value, 12);
    }

    [Fact]
    public void Order_one_collapses_repeats_and_treats_journeys_alike_whatever_came_before()
    {
        // a > b converts, c > b does not, b alone converts once and once not; a > a > b is a > b at order 1.
        var paths = Of(new Row("a > a > b", 1, 0, 0), new Row("c > b", 0, 0, 1), new Row("b", 1, 0, 1));

        var credits = Run(paths, AttributionModel.Markov(1));

        // Start: a 1/4, c 1/4, b 1/2; a→b, c→b; b→conv 2/4. P = 1/2. Without a or c: P = 3/4·1/2 = 3/8 → RE 1/4 each;
        // without b: 0 → RE 1. Credits 2 × (1/4, 1/4, 1) / 1.5 = 1/3, 1/3, 4/3.
        Assert.Equal(1.0 / 3, credits["a"].Conversions, 14);
        Assert.Equal(1.0 / 3, credits["c"].Conversions, 14);
        Assert.Equal(4.0 / 3, credits["b"].Conversions, 14);
    }

    [Fact]
    public void Order_two_states_remember_the_previous_channel()
    {
        var paths = Of(new Row("a > a > b", 1, 0, 0), new Row("c > b", 0, 0, 1), new Row("b", 1, 0, 1));

        var credits = Run(paths, AttributionModel.Markov(2));

        // Windows: (a,a) → (a,b) → conv; (c,b) → null; the one-touch path is its own state (b): conv 1/2, null 1/2.
        // Start: (a,a) 1/4, (c,b) 1/4, (b) 1/2 → P = 1/4 + 1/4 = 1/2.
        // Without a: (a,a) and (a,b) go → P = 1/4, RE 1/2. Without c: P unchanged, RE 0. Without b: RE 1.
        // Credits 2 × (1/2, 0, 1) / 1.5 = 2/3, 0, 4/3.
        Assert.Equal(2.0 / 3, credits["a"].Conversions, 14);
        Assert.Equal(0, credits["c"].Conversions, 14);
        Assert.Equal(4.0 / 3, credits["b"].Conversions, 14);
    }

    [Fact]
    public void Equal_consecutive_windows_collapse_at_higher_orders()
    {
        var report = AttributionEngine.Run(Of(new Row("a > a > a > a > b", 1, 0, 0)), [AttributionModel.Markov(3)]);
        var markov = report.Models[0].Markov!;

        // Windows (a,a,a), (a,a,a), (a,a,b) → (a,a,a) → (a,a,b) → conversion: two states, no loop.
        Assert.Equal(2, markov.States);
        Assert.Contains(markov.Transitions, t => t.From == "a > a > a" && t.To == "a > a > b" && t.Probability == 1);
        Assert.DoesNotContain(markov.Transitions, t => t.From == t.To);
    }

    [Fact]
    public void The_transition_matrix_rows_are_probabilities_with_the_packages_state_names()
    {
        var markov = AttributionEngine.Run(TwoWay, [AttributionModel.Markov(1)]).Models[0].Markov!;

        Assert.Contains(new MarkovTransition("(start)", "b", 2.0 / 3), markov.Transitions);
        Assert.Contains(new MarkovTransition("a", "(null)", 1.0 / 3), markov.Transitions);
        foreach (var row in markov.Transitions.GroupBy(t => t.From))
        {
            Assert.Equal(1, row.Sum(t => t.Probability), 14);
        }
    }

    [Fact]
    public void Paths_without_conversions_or_nulls_take_no_part_in_the_chain()
    {
        var credits = Run(Of(new Row("a > b", 1, 5, 1), new Row("c > a", 0, 0, 0)), AttributionModel.Markov(1));

        Assert.Equal((0.0, 0.0), credits["c"]);
        Assert.Equal(1, credits["a"].Conversions + credits["b"].Conversions, 14);
    }

    [Fact]
    public void Without_conversions_every_credit_and_removal_effect_is_zero()
    {
        var report = AttributionEngine.Run(Of(new Row("a > b", 0, 0, 4)), [AttributionModel.Markov(2)]);

        Assert.All(report.Models[0].Conversions, c => Assert.Equal(0, c));
        Assert.All(report.Models[0].Markov!.RemovalEffectConversion, c => Assert.Equal(0, c));
    }
}
