using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class DefinedTraitConditionTests
{
    private static readonly DateTimeOffset Now = Profiles.Now;

    private static readonly ComputedTraitDefinition Revenue90d = ComputedTraitDefinitionTests.Parse("""
        {"version":1,"name":"revenue90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}
        """);

    private static readonly ComputedTraitDefinition FavouriteCategory = ComputedTraitDefinitionTests.Parse("""
        {"version":1,"name":"favouriteCategory","event":{"name":"Order Completed"},"fn":"mostFrequent","property":"category"}
        """);

    private static readonly ComputedTraitDefinition AverageBasket = ComputedTraitDefinitionTests.Parse("""
        {"version":1,"name":"averageBasket","event":{"name":"Order Completed"},"fn":"avg","property":"revenue","window":{"last":"30d"}}
        """);

    private static readonly ComputedTraitDefinition[] Workspace = [Revenue90d, FavouriteCategory, AverageBasket];

    private static readonly AudienceContext Audience = new(RfmBreakpoints.Default, Workspace);

    private static ProfileFacts Shopper() => Profiles.New()
        .Event("Order Completed", Now.AddDays(-80), new { revenue = 300, category = "shoes" })
        .Event("Order Completed", Now.AddDays(-20), new { revenue = 250, category = "shoes" })
        .Event("Order Completed", Now.AddDays(-2), new { revenue = 40, category = "hats" })
        .BuildProjected() with { Audience = Audience };

    [Fact]
    public void Revenue_in_the_last_90_days_of_at_least_500_holds_until_enough_revenue_ages_out()
    {
        var segment = Parse("""{"computed":{"name":"revenue90d","op":"gte","value":500}}""");

        var result = SegmentEvaluator.Evaluate(segment, Shopper(), Now);

        // 590 now; the 300 order leaves at -80d + 90d, leaving 290.
        Assert.Equal(new SegmentResult(true, Now.AddDays(10)), result);
        Assert.True(SegmentEvaluator.Evaluate(segment, Shopper(), Now.AddDays(10).AddTicks(-1)).IsMember);
        Assert.False(SegmentEvaluator.Evaluate(segment, Shopper(), Now.AddDays(10)).IsMember);
    }

    [Fact]
    public void A_most_frequent_value_compares_like_a_trait()
    {
        Assert.True(IsMember("""{"computed":{"name":"favouriteCategory","op":"equals","value":"shoes"}}"""));
        Assert.True(IsMember("""{"computed":{"name":"favouriteCategory","op":"in","value":["shoes","bags"]}}"""));
        Assert.False(IsMember("""{"computed":{"name":"favouriteCategory","op":"startsWith","value":"HAT"}}"""));
        Assert.True(IsMember("""{"computed":{"name":"favouriteCategory","op":"exists"}}"""));
    }

    [Fact]
    public void An_average_with_no_events_in_its_window_is_none()
    {
        var facts = Shopper();

        Assert.Equal(new SegmentResult(true, Now.AddDays(10)), SegmentEvaluator.Evaluate(Parse("""{"computed":{"name":"averageBasket","op":"gt","value":100}}"""), facts, Now));
        Assert.Equal(new SegmentResult(true, null), SegmentEvaluator.Evaluate(Parse("""{"computed":{"name":"averageBasket","op":"notExists"}}"""), facts, Now.AddDays(30)));
    }

    [Fact]
    public void Validation_with_the_workspace_traits_lists_the_known_names()
    {
        var errors = SegmentDefinition.Parse("""{"version":1,"name":"X","condition":{"computed":{"name":"ltv","op":"gt","value":1}}}""", Workspace).Errors;

        Assert.Equal(
            ["condition.computed.name: 'ltv' is not a computed trait; use one of orderCount, revenue, eventCount, firstSeen, lastSeen, lastOrderAt, acquisitionChannel, preferredChannel, daysSinceLastPurchase, daysSinceLastSeen, averageOrderValue, rfmRecency, rfmFrequency, rfmMonetary, rfmSegment, revenue90d, favouriteCategory, averageBasket"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Without_the_workspace_traits_a_data_defined_name_is_unknown()
    {
        var errors = Segment.ErrorsOf("""{"computed":{"name":"revenue90d","op":"gte","value":500}}""");

        Assert.Single(errors);
        Assert.StartsWith("condition.computed.name: 'revenue90d' is not a computed trait; use one of orderCount, revenue,", errors[0]);
    }

    [Theory]
    [InlineData("""{"computed":{"name":"revenue90d","op":"contains","value":"x"}}""", "condition.computed.op: 'contains' does not apply to revenue90d, which is a number; use one of equals, notEquals, in, gt, gte, lt, lte")]
    [InlineData("""{"computed":{"name":"revenue90d","op":"equals","value":"500"}}""", "condition.computed.value: must be a number: revenue90d is a number")]
    [InlineData("""{"computed":{"name":"averageBasket","op":"in","value":[1,"2"]}}""", "condition.computed.value: must be a number: averageBasket is a number")]
    [InlineData("""{"computed":{"name":"favouriteCategory","op":"withinLast","value":"7d"}}""", "condition.computed.op: 'withinLast' does not apply to favouriteCategory, which is an event property's value; use one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, before, after")]
    public void Operators_and_values_are_checked_against_the_definitions_kind(string condition, string expected)
    {
        var errors = SegmentDefinition.Parse($$"""{"version":1,"name":"X","condition":{{condition}}}""", Workspace).Errors;

        Assert.Equal([expected], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_definition_lists_the_data_defined_traits_and_their_events()
    {
        var definition = Parse("""
            {"and":[{"computed":{"name":"revenue90d","op":"gte","value":500}},{"computed":{"name":"orderCount","op":"gte","value":2}},
                    {"event":{"name":"Email Opened"}},{"not":{"computed":{"name":"revenue90d","op":"gt","value":5000}}}]}
            """);

        Assert.Equal(["revenue90d"], definition.ReferencedComputedTraits());
        Assert.Equal(["Email Opened"], definition.EventNames());
        Assert.Equal(["Order Completed", "Email Opened"], definition.EventNames(Workspace));
        Assert.Empty(definition.Validate(Workspace));
    }

    [Fact]
    public void Evaluating_a_trait_missing_from_the_audience_says_which()
    {
        var segment = Parse("""{"computed":{"name":"revenue90d","op":"gte","value":500}}""");

        var error = Assert.Throws<InvalidOperationException>(() => SegmentEvaluator.Evaluate(segment, Shopper() with { Audience = AudienceContext.Default }, Now));

        Assert.Contains("'revenue90d'", error.Message);
    }

    [Fact]
    public void Computed_traits_evaluate_by_name_whether_built_in_or_defined()
    {
        Assert.Equal(new ComputedTraitResult(590m, Now.AddDays(10)), ComputedTraits.Evaluate("revenue90d", Shopper(), Now));
        Assert.Equal(new ComputedTraitResult(3m, null), ComputedTraits.Evaluate("orderCount", Shopper(), Now));
        Assert.Throws<ArgumentException>(() => ComputedTraits.Evaluate("ltv", Shopper(), Now));
    }

    [Fact]
    public void An_audience_refuses_two_traits_with_one_name()
    {
        Assert.Throws<ArgumentException>(() => new AudienceContext(RfmBreakpoints.Default, [Revenue90d, Revenue90d with { Description = "again" }]));
    }

    private static bool IsMember(string condition) => SegmentEvaluator.Evaluate(Parse(condition), Shopper(), Now).IsMember;

    private static SegmentDefinition Parse(string condition)
    {
        var result = SegmentDefinition.Parse($$"""{"version":1,"name":"Test","condition":{{condition}}}""", Workspace);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }
}
