using Omnia.Core.Segments;

namespace Omnia.Core.Tests.Segments;

public class SegmentValidationTests
{
    [Theory]
    // and / or / not
    [InlineData("""{"or":[]}""", "condition.or: needs at least one condition")]
    [InlineData("""{"and":{"trait":{}}}""", "condition.and: must be a list of conditions, not an object")]
    [InlineData("""{"not":[]}""", "condition.not: must be a condition object with one of and, or, not, trait, event, sequence, segment, consent, computed, bucket, persona, lifecycleStage, funnel, not a list")]
    [InlineData("""{}""", "condition: empty condition; use one of and, or, not, trait, event, sequence, segment, consent, computed, bucket, persona, lifecycleStage, funnel")]
    [InlineData("""{"and":[{"segment":"a"}],"or":[{"segment":"b"}]}""", """condition: has 'and' and 'or' in one object; a condition has exactly one kind, so put them in a list under "and" or "or" """)]
    [InlineData("""{"traits":{"name":"plan","op":"exists"}}""", "condition.traits: 'traits' is not a kind of condition; use one of and, or, not, trait, event, sequence, segment, consent, computed, bucket, persona, lifecycleStage, funnel")]
    [InlineData("""{"Trait":{"name":"plan","op":"exists"}}""", "condition.Trait: 'Trait' is not a kind of condition (did you mean 'trait'?); use one of and, or, not, trait, event, sequence, segment, consent, computed, bucket, persona, lifecycleStage, funnel")]
    // trait
    [InlineData("""{"trait":{"nme":"plan","op":"exists"}}""", "condition.trait.nme: unknown key; expected name, op, value", """condition.trait.name: required: the trait's name, e.g. "plan" """)]
    [InlineData("""{"trait":{"Name":"plan","op":"exists"}}""", "condition.trait.Name: unknown key (did you mean 'name'?); expected name, op, value", """condition.trait.name: required: the trait's name, e.g. "plan" """)]
    [InlineData("""{"trait":{"op":"exists"}}""", """condition.trait.name: required: the trait's name, e.g. "plan" """)]
    [InlineData("""{"trait":{"name":" ","op":"exists"}}""", """condition.trait.name: is empty; use the trait's name, e.g. "plan" """)]
    [InlineData("""{"trait":{"name":"plan","op":"is"}}""", "condition.trait.op: 'is' is not one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, withinLast, inNext, before, after")]
    [InlineData("""{"trait":{"name":"plan"}}""", "condition.trait.op: required; use one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, withinLast, inNext, before, after")]
    [InlineData("""{"trait":{"name":"plan","op":"equals"}}""", "condition.trait.value: required for equals: a string, number or boolean")]
    [InlineData("""{"trait":{"name":"plan","op":"equals","value":["gold"]}}""", "condition.trait.value: equals compares with a string, number or boolean, not a list")]
    [InlineData("""{"trait":{"name":"plan","op":"exists","value":true}}""", "condition.trait.value: exists takes no value; remove 'value'")]
    [InlineData("""{"trait":{"name":"plan","op":"contains","value":""}}""", "condition.trait.value: '' is not text; contains needs non-empty text")]
    [InlineData("""{"trait":{"name":"plan","op":"in","value":[]}}""", """condition.trait.value: in needs a non-empty list such as ["gold","platinum"], not a list""")]
    [InlineData("""{"trait":{"name":"plan","op":"in","value":["gold",{}]}}""", "condition.trait.value[1]: in compares with a string, number or boolean, not an object")]
    [InlineData("""{"trait":{"name":"age","op":"gt","value":"old"}}""", "condition.trait.value: 'old' is neither a number nor a date; gt needs a number, or use an ISO-8601 date such as 2025-01-31 or 2025-01-31T09:00:00Z")]
    [InlineData("""{"trait":{"name":"signup","op":"before","value":"31/01/2025"}}""", "condition.trait.value: '31/01/2025' is not a date; use an ISO-8601 date such as 2025-01-31 or 2025-01-31T09:00:00Z")]
    [InlineData("""{"trait":{"name":"signup","op":"after","value":"2025-02-30"}}""", "condition.trait.value: '2025-02-30' is not a date; use an ISO-8601 date such as 2025-01-31 or 2025-01-31T09:00:00Z")]
    [InlineData("""{"trait":{"name":"renewal","op":"inNext","value":"30 days"}}""", "condition.trait.value: '30 days' is not a duration; use 30d, 12h or 15m")]
    [InlineData("""{"trait":{"name":"renewal","op":"inNext","value":30}}""", "condition.trait.value: 30 is not a duration; use 30d, 12h or 15m")]
    [InlineData("""{"trait":{"name":"renewal","op":"inNext","value":"1w"}}""", "condition.trait.value: '1w' is not a duration; use 30d, 12h or 15m")]
    [InlineData("""{"trait":{"name":"renewal","op":"inNext","value":"0d"}}""", "condition.trait.value: '0d' must be longer than zero; use 30d, 12h or 15m")]
    [InlineData("""{"trait":{"name":"renewal","op":"inNext","value":"4000d"}}""", "condition.trait.value: '4000d' is too long; durations go up to 3650d")]
    [InlineData("""{"trait":{"name":"plan","op":"exists","op":"exists"}}""", "condition.trait.op: appears twice; keep one")]
    // event
    [InlineData("""{"event":{"where":[]}}""", """condition.event.name: required: the event's name, e.g. "Order Completed" """)]
    [InlineData("""{"event":{"name":"Order Completed","count":{"op":"most","value":2}}}""", "condition.event.count.op: 'most' is not one of atLeast, atMost, exactly")]
    [InlineData("""{"event":{"name":"Order Completed","count":{"op":"atLeast","value":-1}}}""", "condition.event.count.value: -1 is not a number of times; use a whole number, 0 or more")]
    [InlineData("""{"event":{"name":"Order Completed","count":{"op":"atLeast","value":0}}}""", "condition.event.count.value: atLeast 0 matches every profile; use 1 or more")]
    [InlineData("""{"event":{"name":"Order Completed","count":{"op":"atLeast","value":1},"aggregate":{"fn":"count","op":"gt","value":1}}}""", "condition.event: has both 'count' and 'aggregate'; use count for how many times, or aggregate for a sum, avg, min, max or count of a property")]
    [InlineData("""{"event":{"name":"Order Completed","aggregate":{"fn":"median","property":"revenue","op":"gt","value":1}}}""", "condition.event.aggregate.fn: 'median' is not one of sum, avg, min, max, count")]
    [InlineData("""{"event":{"name":"Order Completed","aggregate":{"fn":"sum","op":"gt","value":1}}}""", """condition.event.aggregate.property: required for sum: the number property, e.g. "revenue" """)]
    [InlineData("""{"event":{"name":"Order Completed","aggregate":{"fn":"count","property":"revenue","op":"gt","value":1}}}""", "condition.event.aggregate.property: count counts the matching events and takes no property; remove 'property'")]
    [InlineData("""{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"contains","value":1}}}""", "condition.event.aggregate.op: 'contains' does not apply to an aggregate; use one of equals, notEquals, gt, gte, lt, lte")]
    [InlineData("""{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gt","value":"500"}}}""", "condition.event.aggregate.value: '500' is not a number")]
    [InlineData("""{"event":{"name":"Order Completed","window":{"last":"90 days"}}}""", "condition.event.window.last: '90 days' is not a duration; use 30d, 12h or 15m")]
    [InlineData("""{"event":{"name":"Order Completed","window":{"last":"90d","from":"2025-01-01"}}}""", """condition.event.window: has both 'last' and 'from'/'to'; use {"last":"90d"} for a moving window or {"from":…,"to":…} for fixed dates""")]
    [InlineData("""{"event":{"name":"Order Completed","window":{}}}""", """condition.event.window: empty window; use {"last":"90d"}, {"from":"2025-01-01","to":"2025-02-01"}, or leave out 'window' to count events ever""")]
    [InlineData("""{"event":{"name":"Order Completed","window":{"from":"2025-02-01","to":"2025-01-01"}}}""", "condition.event.window: from (2025-02-01T00:00:00Z) must be before to (2025-01-01T00:00:00Z)")]
    [InlineData("""{"event":{"name":"Order Completed","window":{"from":"yesterday"}}}""", "condition.event.window.from: 'yesterday' is not a date; use an ISO-8601 date such as 2025-01-31 or 2025-01-31T09:00:00Z")]
    [InlineData("""{"event":{"name":"Order Completed","window":{"since":"2025-01-01"}}}""", "condition.event.window.since: unknown key; expected last, from, to", """condition.event.window: empty window; use {"last":"90d"}, {"from":"2025-01-01","to":"2025-02-01"}, or leave out 'window' to count events ever""")]
    [InlineData("""{"event":{"name":"Pricing","type":"identify"}}""", "condition.event.type: 'identify' is not one of track, page, screen")]
    [InlineData("""{"event":{"name":"Order Completed","where":{"property":"x"}}}""", """condition.event.where: must be a list of property filters such as [{"property":"category","op":"equals","value":"shoes"}], not an object""")]
    [InlineData("""{"event":{"name":"Order Completed","where":[{"op":"exists"}]}}""", """condition.event.where[0].property: required: the event property's name, e.g. "category" """)]
    [InlineData("""{"event":{"name":"Order Completed","where":[{"property":"at","op":"withinLast","value":"1d"}]}}""", "condition.event.where[0].op: 'withinLast' is relative to now and cannot filter event properties; limit the events with the condition's window instead; use one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, before, after")]
    // sequence
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"did":false}}""", "condition.sequence.within: required: how long after first the then event may come; use 30d, 12h or 15m")]
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h"}}""", """condition.sequence.did: required: false for "did not do then within" (abandoned cart), true for "did then within" """)]
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"within":"1h","did":false}}""", """condition.sequence.then: required: an event such as {"name":"Product Added"}""")]
    [InlineData("""{"sequence":{"first":{"name":"Product Added","count":{"op":"atLeast","value":1}},"then":{"name":"Order Completed"},"within":"1h","did":false}}""", "condition.sequence.first.count: unknown key; expected name, type, where")]
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h","did":"no"}}""", "condition.sequence.did: must be true or false, not 'no'")]
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h","did":false,"key":""}}""", """condition.sequence.key: is empty; use a property both events carry, e.g. "cart_id" """)]
    [InlineData("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"2d","did":false,"window":{"last":"1d"}}}""", "condition.sequence.window.last: '1d' must be longer than within ('2d'): a first event only counts once 'within' has passed without the then event, and by then it has left the window")]
    // segment, consent, computed, bucket
    [InlineData("""{"segment":"VIP Customers"}""", """condition.segment: 'VIP Customers' is not a segment slug; use lowercase letters, digits and hyphens, e.g. "vip-customers" """)]
    [InlineData("""{"segment":7}""", """condition.segment: 7 is not a segment slug; use lowercase letters, digits and hyphens, e.g. "vip-customers" """)]
    [InlineData("""{"consent":{"channel":"e-mail","subscribed":true}}""", "condition.consent.channel: 'e-mail' is not a channel; use one of organic_search, paid_search, social, paid_social, email, sms, push, display, video, affiliate, referral, direct, store, phone, direct_mail, tv, in_app, support, other")]
    [InlineData("""{"consent":{"channel":"email"}}""", "condition.consent.subscribed: required: true for opted in, false for opted out")]
    [InlineData("""{"computed":{"name":"ltv","op":"gt","value":1}}""", "condition.computed.name: 'ltv' is not a computed trait; use one of orderCount, revenue, eventCount, firstSeen, lastSeen, lastOrderAt, acquisitionChannel, preferredChannel, daysSinceLastPurchase, daysSinceLastSeen, averageOrderValue, rfmRecency, rfmFrequency, rfmMonetary, rfmSegment")]
    [InlineData("""{"computed":{"name":"orderCount","op":"withinLast","value":"30d"}}""", "condition.computed.op: 'withinLast' does not apply to orderCount, which is a number; use one of equals, notEquals, in, gt, gte, lt, lte")]
    [InlineData("""{"computed":{"name":"lastSeen","op":"gt","value":5}}""", "condition.computed.value: must be a date: lastSeen is a date")]
    [InlineData("""{"computed":{"name":"orderCount","op":"equals","value":"3"}}""", "condition.computed.value: must be a number: orderCount is a number")]
    [InlineData("""{"computed":{"name":"acquisitionChannel","op":"in","value":["email",3]}}""", "condition.computed.value: must be text: acquisitionChannel is text")]
    [InlineData("""{"bucket":{"from":0,"to":10000}}""", "condition.bucket.to: 10000 is not a bucket; use a whole number from 0 to 9999")]
    [InlineData("""{"bucket":{"from":500,"to":100}}""", "condition.bucket: from (500) must not be greater than to (100)")]
    [InlineData("""{"bucket":{"from":0}}""", "condition.bucket.to: required: a whole number from 0 to 9999")]
    public void A_bad_condition_gets_an_error_at_its_path(string condition, params string[] expected)
    {
        var errors = Segment.ErrorsOf(condition);

        Assert.Equal(expected.Select(e => e.TrimEnd()), errors);
    }

    [Fact]
    public void Errors_deep_in_a_tree_name_the_whole_path()
    {
        var errors = Segment.ErrorsOf("""
            {"and":[
              {"trait":{"name":"plan","op":"equals","value":"gold"}},
              {"event":{"name":"Order Completed","count":{"op":"most","value":2}}},
              {"or":[{"not":{"bucket":{"from":0}}}]}
            ]}
            """);

        Assert.Equal(
            [
                "condition.and[1].event.count.op: 'most' is not one of atLeast, atMost, exactly",
                "condition.and[2].or[0].not.bucket.to: required: a whole number from 0 to 9999",
            ],
            errors);
    }

    [Fact]
    public void Nesting_deeper_than_32_levels_is_refused()
    {
        var condition = """{"trait":{"name":"plan","op":"exists"}}""";
        for (var level = 0; level < 32; level++)
            condition = $$"""{"not":{{condition}}}""";

        var errors = Segment.ErrorsOf(condition);

        var path = "condition" + string.Concat(Enumerable.Repeat(".not", 32));
        Assert.Equal([$"{path}: conditions nest deeper than 32 levels; flatten the and/or groups"], errors);
    }

    [Fact]
    public void Thirty_two_levels_are_allowed()
    {
        var condition = """{"trait":{"name":"plan","op":"exists"}}""";
        for (var level = 0; level < 31; level++)
            condition = $$"""{"and":[{{condition}}]}""";

        Assert.Empty(Segment.ErrorsOf(condition));
    }

    [Theory]
    [InlineData("""{"name":"X","condition":{"segment":"a"}}""", "version: required; use 1")]
    [InlineData("""{"version":2,"name":"X","condition":{"segment":"a"}}""", "version: version 2 is not supported; use 1")]
    [InlineData("""{"version":"1","name":"X","condition":{"segment":"a"}}""", "version: must be the number 1, not '1'")]
    [InlineData("""{"version":1,"condition":{"segment":"a"}}""", """name: required: the segment's name as people will see it, e.g. "Cart abandoners" """)]
    [InlineData("""{"version":1,"name":"X"}""", """condition: required: what a profile must meet, e.g. {"trait":{"name":"plan","op":"equals","value":"gold"}}""")]
    [InlineData("""{"version":1,"name":"X","description":5,"condition":{"segment":"a"}}""", "description: must be text, not 5")]
    [InlineData("""{"version":1,"name":"X","conditions":{"segment":"a"}}""", "conditions: unknown key; expected version, name, description, condition", """condition: required: what a profile must meet, e.g. {"trait":{"name":"plan","op":"equals","value":"gold"}}""")]
    [InlineData("""[1,2]""", """$: must be a JSON object like {"version":1,"name":"…","condition":{…}}, not a list""")]
    [InlineData("""{"version":1,"name":"X","condition":{"segment":"a"}""", "$: not valid JSON at line 1, position 52: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    public void A_bad_document_gets_an_error_at_its_path(string json, params string[] expected)
    {
        var result = SegmentDefinition.Parse(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        Assert.Equal(expected.Select(e => e.TrimEnd()), result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var result = SegmentDefinition.Parse("""
            {"version":3,"name":"","condition":{"and":[{"trait":{"name":"plan","op":"is"}},{"event":{"count":{"op":"atLeast","value":1}}},{"bucket":{"from":-1,"to":5}}]}}
            """);

        Assert.Equal(
            [
                "version: version 3 is not supported; use 1",
                """name: is empty; use the segment's name as people will see it, e.g. "Cart abandoners" """.TrimEnd(),
                "condition.and[0].trait.op: 'is' is not one of equals, notEquals, contains, startsWith, in, exists, notExists, gt, gte, lt, lte, withinLast, inNext, before, after",
                """condition.and[1].event.name: required: the event's name, e.g. "Order Completed" """.TrimEnd(),
                "condition.and[2].bucket.from: -1 is not a bucket; use a whole number from 0 to 9999",
            ],
            result.Errors.Select(e => e.ToString()));
    }
}
