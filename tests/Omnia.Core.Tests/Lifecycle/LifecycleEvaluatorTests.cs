using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;
using Facts = Omnia.Core.Tests.Segments.Profiles;

namespace Omnia.Core.Tests.Lifecycle;

public class LifecycleEvaluatorTests
{
    private static readonly DateTimeOffset Now = Facts.Now;

    private static LifecycleResult Stage(ProfileFacts facts, DateTimeOffset? at = null) =>
        LifecycleEvaluator.Evaluate(LifecycleRules.Default, facts, at ?? Now);

    [Fact]
    public void A_profile_without_events_has_no_stage()
    {
        Assert.Equal(new LifecycleResult(null, null), Stage(Facts.New().Build()));
    }

    [Fact]
    public void A_first_visit_is_awareness()
    {
        var facts = Facts.New().Event("Home", Now.AddDays(-3), type: Omnia.Core.Events.EventType.Page).BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Awareness, null), Stage(facts));
    }

    [Fact]
    public void Viewing_products_twice_in_90_days_is_consideration_until_the_first_view_is_90_days_old()
    {
        var facts = Facts.New()
            .Event("Product Viewed", Now.AddDays(-40))
            .Event("Product Viewed", Now.AddDays(-5))
            .BuildProjected();

        var result = Stage(facts);

        Assert.Equal(new LifecycleResult(LifecycleStage.Consideration, Now.AddDays(50)), result);
        Assert.Equal(LifecycleStage.Consideration, Stage(facts, Now.AddDays(50).AddTicks(-1)).Stage);
        Assert.Equal(LifecycleStage.Awareness, Stage(facts, Now.AddDays(50)).Stage);
    }

    [Theory]
    [InlineData("Product Added")]
    [InlineData("Cart Viewed")]
    [InlineData("Checkout Started")]
    public void One_step_towards_buying_in_90_days_is_consideration(string name)
    {
        var facts = Facts.New().Event(name, Now.AddDays(-1)).BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Consideration, Now.AddDays(89)), Stage(facts));
    }

    [Fact]
    public void An_identified_email_is_consideration()
    {
        var facts = Facts.New().Event("Signed Up", Now.AddDays(-200)).Trait("email", "ana@example.com").BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Consideration, null), Stage(facts));
    }

    [Fact]
    public void One_order_is_conversion()
    {
        var facts = Facts.New().Event("Order Completed", Now.AddDays(-500), new { revenue = 20 }).BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Conversion, null), Stage(facts));
    }

    [Fact]
    public void A_loyal_customer_drops_to_conversion_when_their_last_order_is_365_days_old()
    {
        var lastOrder = Now.AddDays(-300);
        var facts = Facts.New()
            .Event("Order Completed", Now.AddDays(-420), new { revenue = 80 })
            .Event("Order Completed", lastOrder, new { revenue = 120 })
            .BuildProjected();

        var result = Stage(facts);

        Assert.Equal(new LifecycleResult(LifecycleStage.Loyalty, lastOrder.AddDays(365)), result);
        Assert.Equal(new LifecycleResult(LifecycleStage.Loyalty, lastOrder.AddDays(365)), Stage(facts, lastOrder.AddDays(365).AddTicks(-1)));
        Assert.Equal(new LifecycleResult(LifecycleStage.Conversion, null), Stage(facts, lastOrder.AddDays(365)));
    }

    [Fact]
    public void A_review_makes_an_advocate_whatever_else_they_did()
    {
        var facts = Facts.New()
            .Event("Order Completed", Now.AddDays(-30), new { revenue = 80 })
            .Event("Order Completed", Now.AddDays(-20), new { revenue = 80 })
            .Event("Review Submitted", Now.AddDays(-10))
            .BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Advocacy, null), Stage(facts));
        Assert.Equal(["Product Reviewed", "Review Submitted", "Referral Sent", "Referral Completed"], LifecycleRules.AdvocacyEvents);
    }

    [Fact]
    public void A_higher_stage_that_starts_later_gives_the_change()
    {
        // The view leaves its window after a day (awareness), then the renewal comes within a week (loyalty) until it passes.
        var rules = Rules("""
            {"version":1,"rules":[
              {"stage":"loyalty","condition":{"trait":{"name":"renewal","op":"inNext","value":"7d"}}},
              {"stage":"consideration","condition":{"event":{"name":"Product Viewed","window":{"last":"30d"}}}}]}
            """);
        var facts = Facts.New()
            .Trait("renewal", Now.AddDays(10).ToString("O"))
            .Event("Product Viewed", Now.AddDays(-29))
            .BuildProjected();

        Assert.Equal(new LifecycleResult(LifecycleStage.Consideration, Now.AddDays(1)), LifecycleEvaluator.Evaluate(rules, facts, Now));
        Assert.Equal(new LifecycleResult(LifecycleStage.Awareness, Now.AddDays(3)), LifecycleEvaluator.Evaluate(rules, facts, Now.AddDays(1)));
        Assert.Equal(new LifecycleResult(LifecycleStage.Loyalty, Now.AddDays(10)), LifecycleEvaluator.Evaluate(rules, facts, Now.AddDays(3)));
    }

    [Fact]
    public void Rules_can_use_the_workspaces_computed_traits()
    {
        var spend = ComputedTraitDefinition.Parse("""
            {"version":1,"name":"spend90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}
            """).Definition!;
        var json = """{"version":1,"rules":[{"stage":"loyalty","condition":{"computed":{"name":"spend90d","op":"gte","value":100}}}]}""";
        Assert.False(LifecycleRules.Parse(json).IsValid);
        var rules = LifecycleRules.Parse(json, [spend]).Rules!;
        var facts = Facts.New().Event("Order Completed", Now.AddDays(-10), new { revenue = 150 }).BuildProjected()
            with { Audience = new AudienceContext(RfmBreakpoints.Default, [spend]) };

        Assert.Equal(new LifecycleResult(LifecycleStage.Loyalty, Now.AddDays(80)), LifecycleEvaluator.Evaluate(rules, facts, Now));
    }

    private static LifecycleRules Rules(string json)
    {
        var result = LifecycleRules.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Rules!;
    }
}
