using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;
using Omnia.Core.Tests.Segments;

namespace Omnia.Core.Tests.Lifecycle;

/// <summary>Generated profiles under the default rules (fixed seeds): a stage holds until its ChangesAt and changes there.</summary>
public class LifecyclePropertyTests
{
    [Theory]
    [InlineData(365)]
    [InlineData(2025)]
    public void A_stage_stays_the_same_until_changes_at_and_changes_there(int seed)
    {
        var random = new Random(seed);
        var rules = LifecycleEvaluator.Compile(LifecycleRules.Default);
        var windows = new OrCondition([.. new[] { 90, 365 }.Select(days =>
            (Condition)new EventCondition(new EventFilter("x"), CountRule.AtLeastOnce, null, new LastWindow(SegmentDuration.Days(days))))]);
        var stages = new HashSet<LifecycleStage?>();
        var changing = 0;
        for (var p = 0; p < 300; p++)
        {
            var facts = RandomFacts.Profile(random, p + 1, AudienceContext.Default);
            var candidates = ComputedTraitPropertyTests.Candidates(facts, [], windows);
            if (facts.Profile.LastOrderAt is { } lastOrder)
                candidates.Add(lastOrder.AddDays(365));
            var at = RandomFacts.Now;
            for (var step = 0; step < 4; step++)
            {
                var result = rules.Evaluate(facts, at);
                stages.Add(result.Stage);
                ComputedTraitPropertyTests.AssertConstantThenFlips(t => rules.Evaluate(facts, t).Stage, at, result.Stage, result.ChangesAt,
                    candidates, random, $"{result} at {at:O} for profile {p + 1}");
                if (result.ChangesAt is not { } next)
                    break;
                changing++;
                at = next;
            }
        }

        Assert.Equal(6, stages.Count); // every stage, and none
        Assert.True(changing > 50, $"only {changing} stages change with time");
    }
}
