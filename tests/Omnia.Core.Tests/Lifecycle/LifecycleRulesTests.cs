using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Lifecycle;

public class LifecycleRulesTests
{
    [Fact]
    public void The_default_rules_are_valid_and_read_back_from_their_json()
    {
        var rules = LifecycleRules.Default;

        Assert.Equal([LifecycleStage.Advocacy, LifecycleStage.Loyalty, LifecycleStage.Conversion, LifecycleStage.Consideration], rules.Rules.Select(r => r.Stage));
        Assert.Empty(rules.Validate());
        Assert.Equal(rules, LifecycleRules.Parse(rules.ToJson(indented: true)).Rules);
    }

    [Fact]
    public void Rules_may_leave_stages_out_and_may_be_empty()
    {
        Assert.True(LifecycleRules.Parse("""{"version":1,"rules":[]}""").IsValid);
        Assert.True(LifecycleRules.Parse("""{"version":1,"rules":[{"stage":"conversion","condition":{"computed":{"name":"orderCount","op":"gte","value":1}}}]}""").IsValid);
    }

    [Theory]
    [InlineData("""{"version":1,"rules":[{"stage":"awareness","condition":{"trait":{"name":"email","op":"exists"}}}]}""",
        "rules[0].stage: awareness is the fallback for every profile with an event and takes no rule; remove this rule")]
    [InlineData("""{"version":1,"rules":[{"stage":"vip","condition":{"trait":{"name":"email","op":"exists"}}}]}""",
        "rules[0].stage: 'vip' is not a lifecycle stage; use one of advocacy, loyalty, conversion, consideration")]
    [InlineData("""{"version":1,"rules":[{"stage":"conversion","condition":{"trait":{"name":"email","op":"exists"}}},{"stage":"loyalty","condition":{"trait":{"name":"email","op":"exists"}}}]}""",
        "rules[1].stage: 'loyalty' must come before 'conversion': rules go from the highest stage down (advocacy, loyalty, conversion, consideration)")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"trait":{"name":"email","op":"exists"}}},{"stage":"loyalty","condition":{"trait":{"name":"plan","op":"exists"}}}]}""",
        "rules[1].stage: 'loyalty' has a rule already; give each stage one rule and join conditions with or")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty"}]}""", "rules[0].condition: required: what a profile must meet to be at this stage")]
    [InlineData("""{"version":1,"rules":[{"condition":{"trait":{"name":"email","op":"exists"}}}]}""", "rules[0].stage: required; use one of advocacy, loyalty, conversion, consideration")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"segment":"vip"}}]}""",
        "rules[0].condition.segment: 'segment' conditions cannot decide a lifecycle stage: a stage comes from the profile and its events alone (segments and personas may themselves use stages); segment, persona and lifecycleStage are not allowed here")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"and":[{"trait":{"name":"email","op":"exists"}},{"not":{"persona":"p1"}}]}}]}""",
        "rules[0].condition.and[1].not.persona: 'persona' conditions cannot decide a lifecycle stage: a stage comes from the profile and its events alone (segments and personas may themselves use stages); segment, persona and lifecycleStage are not allowed here")]
    [InlineData("""{"version":1,"rules":[{"stage":"advocacy","condition":{"lifecycleStage":"loyalty"}}]}""",
        "rules[0].condition.lifecycleStage: 'lifecycleStage' conditions cannot decide a lifecycle stage: a stage comes from the profile and its events alone (segments and personas may themselves use stages); segment, persona and lifecycleStage are not allowed here")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"event":{"name":"Order Completed","count":{"op":"most","value":2}}}}]}""",
        "rules[0].condition.event.count.op: 'most' is not one of atLeast, atMost, exactly")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"computed":{"name":"spend90d","op":"gt","value":1}}}]}""",
        "rules[0].condition.computed.name: 'spend90d' is not a computed trait; use one of orderCount, revenue, eventCount, firstSeen, lastSeen, lastOrderAt, acquisitionChannel, preferredChannel, daysSinceLastPurchase, daysSinceLastSeen, averageOrderValue, rfmRecency, rfmFrequency, rfmMonetary, rfmSegment")]
    [InlineData("""{"version":2,"rules":[]}""", "version: version 2 is not supported; use 1")]
    [InlineData("""{"version":1,"rules":{}}""", "rules: must be a list of {\"stage\",\"condition\"}, not an object")]
    [InlineData("""{"version":1,"stages":[]}""", "stages: unknown key; expected version, rules",
        "rules: required: a list of {\"stage\",\"condition\"} from the highest stage down (advocacy, loyalty, conversion, consideration)")]
    [InlineData("""{"version":1,"rules":[{"stage":"loyalty","condition":{"trait":{"name":"email","op":"exists"}},"priority":1}]}""",
        "rules[0].priority: unknown key; expected stage, condition")]
    public void Bad_rules_get_errors_at_their_paths(string json, params string[] expected)
    {
        var result = LifecycleRules.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Rules_built_in_code_are_checked_like_json_and_cannot_be_compiled_when_invalid()
    {
        var rules = new LifecycleRules([new LifecycleRule(LifecycleStage.Loyalty, new InSegmentCondition("vip"))]);

        Assert.Single(rules.Validate());
        Assert.Throws<ArgumentException>(() => LifecycleEvaluator.Compile(rules));
    }
}
