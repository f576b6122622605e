using System.Text.Json;
using Omnia.Core.Touchpoints;
using static Omnia.Core.Tests.Touchpoints.SegmentEvents;

namespace Omnia.Core.Tests.Touchpoints;

public class ChannelRulesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Default_rules_are_valid()
    {
        Assert.Empty(ChannelRules.Default.Validate());
    }

    [Fact]
    public void Rules_survive_a_json_round_trip_in_camel_case()
    {
        var json = JsonSerializer.Serialize(ChannelRules.Default, Web);
        var copy = JsonSerializer.Deserialize<ChannelRules>(json, Web)!;

        Assert.Contains("\"urlParameters\":[\"gclid\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(copy, Web));
        Assert.Equal(ChannelRules.Default.Rules.Count, copy.Rules.Count);
        Assert.Equal(Channels.PaidSearch, Classify(WebPage("https://www.acme.com/?gclid=x"), copy).Channel);
    }

    [Fact]
    public void Workspace_rule_maps_influencer_medium_to_affiliate_before_the_defaults()
    {
        var influencerLink = WebPage("https://www.acme.com/", "https://l.instagram.com/", Campaign("instagram", "influencer", "creator_jade"));
        var custom = ChannelRules.Default with
        {
            Rules = [new ChannelRule { Channel = Channels.Affiliate, Mediums = ["influencer"] }, .. ChannelRules.Default.Rules],
        };

        Assert.Equal(Channels.Social, Classify(influencerLink).Channel);
        Assert.Equal(new Touchpoint(Channels.Affiliate, "creator_jade", "instagram", "influencer", "utm_medium=influencer"),
            Classify(influencerLink, custom));
    }

    [Fact]
    public void Workspace_rules_written_as_json_are_applied()
    {
        const string json = """
            {
              "rules": [
                { "channel": "tv", "campaignPrefixes": ["tv_"], "mediums": ["qr", "vanity_url"] },
                { "channel": "affiliate", "sources": ["@social_networks"], "mediums": ["influencer"] },
                { "channel": "email", "eventNames": ["Email *"] }
              ],
              "searchEngines": ["google"],
              "socialNetworks": ["instagram.com", "tiktok"],
              "internalHosts": ["acme-payments.com"],
              "channelAliases": { "kiosk": "store" }
            }
            """;
        var rules = JsonSerializer.Deserialize<ChannelRules>(json, Web)!;

        Assert.Empty(rules.Validate());
        Assert.Equal(Channels.Tv, Classify(WebPage("https://www.acme.com/", "", Campaign("tv", "qr", "tv_superbowl")), rules).Channel);
        Assert.Equal(Channels.Other, Classify(WebPage("https://www.acme.com/", "", Campaign("tv", "qr", "spring")), rules).Channel);
        Assert.Equal(Channels.Affiliate, Classify(WebPage("https://www.acme.com/", "", Campaign("tiktok", "influencer")), rules).Channel);
        Assert.Equal(Channels.Store, Classify(ServerTrack("Order Completed", "Kiosk"), rules).Channel);
        Assert.Equal(Channels.Direct, Classify(WebPage("https://www.acme.com/", "https://acme-payments.com/3ds"), rules).Channel);
        Assert.Equal(Channels.Social, Classify(WebPage("https://www.acme.com/", "https://www.instagram.com/"), rules).Channel);
    }

    [Fact]
    public void Omitted_and_null_lists_read_as_empty()
    {
        var rules = JsonSerializer.Deserialize<ChannelRules>("""{ "rules": [ { "channel": "email", "mediums": null, "eventNames": ["Email *"] } ], "searchEngines": null }""", Web)!;

        Assert.Empty(rules.Rules[0].Mediums);
        Assert.Empty(rules.SearchEngines);
        Assert.Equal(Channels.Email, Classify(ServerTrack("Email Opened"), rules).Channel);
    }

    [Fact]
    public void Workspace_without_rules_still_classifies_by_referrer()
    {
        var rules = JsonSerializer.Deserialize<ChannelRules>("""{ "rules": null, "socialNetworks": ["reddit"] }""", Web)!;

        Assert.Empty(rules.Rules);
        Assert.Equal(Channels.Social, Classify(WebPage("https://www.acme.com/", "https://old.reddit.com/r/running"), rules).Channel);
    }

    [Fact]
    public void Validation_names_each_broken_rule_by_number()
    {
        var rules = new ChannelRules
        {
            Rules =
            [
                new ChannelRule { Channel = "paid_tv", Mediums = ["tv"] },
                new ChannelRule { Channel = Channels.Email },
                new ChannelRule { Channel = Channels.Email, EventNames = ["Email*Opened"] },
                new ChannelRule { Channel = Channels.Social, ReferrerHosts = ["https://facebook.com/"] },
                new ChannelRule { Channel = Channels.Social, Sources = ["@socials"] },
                new ChannelRule { Channel = Channels.Sms, Mediums = ["sms", " "] },
                new ChannelRule { Channel = Channels.PaidSearch, UrlParameters = ["gclid=1"] },
                new ChannelRule { Channel = Channels.Email, EventNames = ["*"] },
            ],
            ChannelAliases = new Dictionary<string, string> { ["kiosk"] = "shop" },
        };

        var errors = rules.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("Rule 1 has unknown channel 'paid_tv'.", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 2 (email) has no conditions", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 3 (email): eventNames 'Email*Opened' may only have '*' at the end", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 4 (social): referrerHosts 'https://facebook.com/' should be a host", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 5 (social): sources '@socials' is not a known list", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 6 (sms): mediums contains an empty value", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 7 (paid_search): urlParameters 'gclid=1' should be a parameter name", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Rule 8 (email): eventNames '*' would match every event", e, StringComparison.Ordinal),
            e => Assert.StartsWith("channelAliases: 'kiosk' points to unknown channel 'shop'.", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_rules_never_match_at_run_time()
    {
        var rules = ChannelRules.Default with
        {
            Rules = [new ChannelRule { Channel = Channels.Email }, new ChannelRule { Channel = "paid_tv", Mediums = ["cpc"] }, .. ChannelRules.Default.Rules],
        };

        Assert.Equal(Channels.PaidSearch, Classify(WebPage("https://www.acme.com/", "", Campaign("google", "cpc")), rules).Channel);
    }

    [Fact]
    public void Campaign_prefix_rule_routes_brand_campaigns()
    {
        var rules = ChannelRules.Default with
        {
            Rules = [new ChannelRule { Channel = Channels.Tv, CampaignPrefixes = ["TV_"] }, .. ChannelRules.Default.Rules],
        };

        var touchpoint = Classify(WebPage("https://www.acme.com/", "", Campaign("itv", "vanity_url", "tv_spring_spot")), rules);

        Assert.Equal((Channels.Tv, "utm_campaign=tv_spring_spot"), (touchpoint.Channel, touchpoint.Reason));
    }
}
