using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

/// <summary>The computed trait, RFM and lifecycle examples docs/segments.md shows.</summary>
public class AudienceExampleTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    private const string Revenue90d =
        """{"version":1,"name":"revenue90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}""";

    private const string FavouriteCategory =
        """{"version":1,"name":"favouriteCategory","event":{"name":"Order Completed"},"fn":"mostFrequent","property":"category"}""";

    private const string BigSpenders = """
        {"version":1,"name":"Big spenders this quarter","description":"Revenue of 500 or more in the last 90 days (data-defined trait revenue90d)",
         "condition":{"computed":{"name":"revenue90d","op":"gte","value":500}}}
        """;

    private const string ShoeLovers = """
        {"version":1,"name":"Shoe lovers","description":"Shoes are the category they order most",
         "condition":{"computed":{"name":"favouriteCategory","op":"equals","value":"shoes"}}}
        """;

    private const string Champions = """
        {"version":1,"name":"RFM champions","description":"Recent, frequent buyers",
         "condition":{"computed":{"name":"rfmSegment","op":"equals","value":"champions"}}}
        """;

    private const string LoyalPersona = """
        {"version":1,"name":"Loyal persona 1","description":"Loyal or advocate customers in persona p1",
         "condition":{"and":[{"lifecycleStage":{"in":["loyalty","advocacy"]}},{"persona":"p1"}]}}
        """;

    [Fact]
    public void A_frequent_recent_shoe_buyer_in_persona_p1_is_in_every_example()
    {
        ComputedTraitDefinition[] traits = [ComputedTraitDefinition.Parse(Revenue90d).Definition!, ComputedTraitDefinition.Parse(FavouriteCategory).Definition!];
        var facts = Profiles.New();
        for (var i = 0; i < 6; i++)
            facts.Event("Order Completed", Now.AddDays(-5 * i - 1), new { revenue = 120, category = i < 4 ? "shoes" : "hats" });
        var built = facts.BuildProjected() with { Audience = new AudienceContext(RfmBreakpoints.Default, traits), Persona = "p1" };
        built = built with { LifecycleStage = LifecycleEvaluator.Evaluate(LifecycleRules.Default, built, Now).Stage };

        foreach (var json in new[] { BigSpenders, ShoeLovers, Champions, LoyalPersona })
        {
            var result = SegmentDefinition.Parse(json, traits);
            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            Assert.True(SegmentEvaluator.Evaluate(result.Definition!, built, Now).IsMember, json);
        }
    }
}
