using System.Text.Json;
using Omnia.Core.Identity;

namespace Omnia.Core.Tests.Identity;

public class IdentityRulesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("user_id", 1, 1)]
    [InlineData("email", 2, 5)]
    [InlineData("phone", 3, 5)]
    [InlineData("crm_id", 4, 1)]
    [InlineData("device_id", 5, 20)]
    [InlineData("anonymous_id", 6, 50)]
    public void Default_rules_rank_known_people_above_devices(string type, int priority, int limit) =>
        Assert.Equal(new IdentifierRule(type, priority, limit), IdentityRules.Default.RuleFor(type));

    [Fact]
    public void Default_rules_are_valid_and_assume_US_numbers()
    {
        Assert.Empty(IdentityRules.Default.Validate());
        Assert.Equal(100, IdentityRules.Default.MaxIdentifiersPerProfile);
        Assert.Equal("US", IdentityRules.Default.DefaultPhoneRegion);
        Assert.Empty(IdentityRules.Default.ExternalIdTraits);
    }

    [Fact]
    public void A_listed_type_overrides_the_unlisted_type_rule()
    {
        var rules = new IdentityRules { Rules = [new("crm_id", 2, 3)] };

        Assert.Equal(new IdentifierRule("crm_id", 2, 3), rules.RuleFor("crm_id"));
        Assert.Equal(new IdentifierRule("user_id", 4, 1), rules.RuleFor("user_id"));
    }

    [Theory]
    [InlineData("""{"rules":[{"type":"user_id","priority":1,"limit":1},{"type":"email","priority":2,"limit":5},{"type":"phone","priority":3,"limit":0}]}""",
        "rules[2].limit must be at least 1.")]
    [InlineData("""{"rules":[{"type":"email","priority":2,"limit":5},{"type":"email","priority":3,"limit":1}]}""",
        "rules[1].type 'email' is already defined by rules[0].")]
    [InlineData("""{"rules":[{"type":"","priority":2,"limit":5}]}""", "rules[0].type must not be empty.")]
    [InlineData("""{"rules":[{"type":"CRM ID","priority":4,"limit":1}]}""",
        "rules[0].type 'CRM ID' must be lower case without spaces ('crm_id').")]
    [InlineData("""{"rules":[{"type":"email","priority":0,"limit":5}]}""", "rules[0].priority must be at least 1.")]
    [InlineData("""{"rules":[null]}""", "rules[0] must not be null.")]
    [InlineData("""{"rules":null}""", "rules must be a list.")]
    [InlineData("""{"maxIdentifiersPerProfile":0}""", "maxIdentifiersPerProfile must be at least 1.")]
    [InlineData("""{"externalIdTraits":["crm_id",""]}""", "externalIdTraits[1] must not be empty.")]
    [InlineData("""{"externalIdTraits":["crm_id","CRM ID"]}""", "externalIdTraits[1] 'CRM ID' is listed twice.")]
    [InlineData("""{"externalIdTraits":["email"]}""", "externalIdTraits[0] 'email' is a built-in identifier type, not an external id.")]
    [InlineData("""{"defaultPhoneRegion":""}""", "defaultPhoneRegion must not be empty.")]
    [InlineData("""{"blockedValues":["test@example.com"," "]}""", "blockedValues[1] must not be empty.")]
    public void Invalid_rules_from_the_admin_api_are_explained(string json, string expected)
    {
        var rules = JsonSerializer.Deserialize<IdentityRules>(json, Web)!;

        Assert.Equal([expected], rules.Validate());
    }

    [Fact]
    public void An_unknown_phone_region_error_lists_the_known_regions()
    {
        var error = Assert.Single((IdentityRules.Default with { DefaultPhoneRegion = "XX" }).Validate());

        Assert.StartsWith("defaultPhoneRegion 'XX' is not a known region; known regions: ", error);
        Assert.Contains("GB", error);
        Assert.Contains("US", error);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var rules = new IdentityRules
        {
            Rules = [new("user_id", 0, 0), new("user_id", 1, 1)],
            MaxIdentifiersPerProfile = -5,
        };

        Assert.Equal(
            [
                "rules[0].priority must be at least 1.",
                "rules[0].limit must be at least 1.",
                "rules[1].type 'user_id' is already defined by rules[0].",
                "maxIdentifiersPerProfile must be at least 1.",
            ],
            rules.Validate());
    }

    [Fact]
    public void Rules_round_trip_through_camel_case_json()
    {
        var rules = new IdentityRules
        {
            Rules = [new("user_id", 1, 1), new("crm_id", 2, 2), new("anonymous_id", 9, 10)],
            MaxIdentifiersPerProfile = 40,
            ExternalIdTraits = ["crm_id", "loyalty_id"],
            DefaultPhoneRegion = "GB",
            BlockedValues = ["test@example.com"],
        };

        var json = JsonSerializer.Serialize(rules, Web);
        var back = JsonSerializer.Deserialize<IdentityRules>(json, Web);

        Assert.Contains("\"maxIdentifiersPerProfile\":40", json);
        Assert.Contains("\"externalIdTraits\":[\"crm_id\",\"loyalty_id\"]", json);
        Assert.Contains("{\"type\":\"crm_id\",\"priority\":2,\"limit\":2}", json);
        Assert.Equal(rules, back);
        Assert.Equal(rules.GetHashCode(), back!.GetHashCode());
    }

    [Fact]
    public void Settings_missing_from_json_keep_their_defaults()
    {
        var rules = JsonSerializer.Deserialize<IdentityRules>("""{"externalIdTraits":["crm_id"]}""", Web)!;

        Assert.Equal(IdentityRules.Default with { ExternalIdTraits = ["crm_id"] }, rules);
        Assert.Equal(new IdentifierRule("user_id", 1, 1), rules.RuleFor("user_id"));
        Assert.NotEqual(IdentityRules.Default, rules);
    }

    [Fact]
    public void Replacing_the_blocked_values_with_a_with_expression_takes_effect()
    {
        var first = IdentityRules.Default with { BlockedValues = ["x-1"] };
        _ = IdentifierExtractor.Extract("x-1", null, null, null, first); // builds first's blocked set
        var second = first with { BlockedValues = ["y-1"] };

        Assert.Empty(IdentifierExtractor.Extract("x-1", null, null, null, first));
        Assert.Single(IdentifierExtractor.Extract("x-1", null, null, null, second));
        Assert.Empty(IdentifierExtractor.Extract("Y-1", null, null, null, second));
    }
}
