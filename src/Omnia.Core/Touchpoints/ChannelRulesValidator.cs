namespace Omnia.Core.Touchpoints;

/// <summary>Checks <see cref="ChannelRules"/> edited by people; messages name the JSON fields they edit.</summary>
internal static class ChannelRulesValidator
{
    public static IReadOnlyList<string> Validate(ChannelRules rules)
    {
        var errors = new List<string>();
        for (var i = 0; i < rules.Rules.Count; i++)
            ValidateRule(rules.Rules[i], $"Rule {i + 1}", errors);

        ValidateHosts(rules.SearchEngines, "searchEngines", errors);
        ValidateHosts(rules.SocialNetworks, "socialNetworks", errors);
        ValidateHosts(rules.InternalHosts, "internalHosts", errors);

        foreach (var (alias, channel) in rules.ChannelAliases)
        {
            if (string.IsNullOrWhiteSpace(alias))
                errors.Add("channelAliases has an empty name.");
            else if (!Channels.IsKnown(channel))
                errors.Add($"channelAliases: '{alias}' points to unknown channel '{channel}'. {KnownChannels}");
        }
        return errors;
    }

    private static void ValidateRule(ChannelRule? rule, string name, List<string> errors)
    {
        if (rule is null)
        {
            errors.Add($"{name} is empty (null).");
            return;
        }
        if (string.IsNullOrWhiteSpace(rule.Channel))
            errors.Add($"{name} has no channel. {KnownChannels}");
        else if (!Channels.IsKnown(rule.Channel))
            errors.Add($"{name} has unknown channel '{rule.Channel}'. {KnownChannels}");
        else
            name = $"{name} ({rule.Channel})";

        if (!rule.HasConditions)
        {
            errors.Add($"{name} has no conditions, so it would match every event; add mediums, sources, "
                + "campaignPrefixes, eventNames, referrerHosts or urlParameters.");
            return;
        }

        RequireValues(rule.Mediums, $"{name}: mediums", errors);
        RequireValues(rule.CampaignPrefixes, $"{name}: campaignPrefixes", errors);
        ValidatePatterns(rule.Sources, $"{name}: sources", errors);
        ValidatePatterns(rule.ReferrerHosts, $"{name}: referrerHosts", errors);

        RequireValues(rule.EventNames, $"{name}: eventNames", errors);
        foreach (var eventName in rule.EventNames)
        {
            if (eventName?.Trim() == "*")
                errors.Add($"{name}: eventNames '*' would match every event; name the events, as in 'Email *'.");
            else if (eventName is not null && eventName.IndexOf('*') is var star && star >= 0 && star != eventName.Length - 1)
                errors.Add($"{name}: eventNames '{eventName}' may only have '*' at the end, as in 'Email *'.");
        }

        RequireValues(rule.UrlParameters, $"{name}: urlParameters", errors);
        foreach (var parameter in rule.UrlParameters)
        {
            if (parameter is not null && parameter.AsSpan().IndexOfAny("=?&/") >= 0)
                errors.Add($"{name}: urlParameters '{parameter}' should be a parameter name only, such as 'gclid'.");
        }
    }

    private static void ValidatePatterns(IReadOnlyList<string> patterns, string field, List<string> errors)
    {
        RequireValues(patterns, field, errors);
        foreach (var pattern in patterns)
        {
            if (pattern is null || !pattern.StartsWith('@'))
                continue;
            if (pattern != ChannelRules.SearchEnginesToken && pattern != ChannelRules.SocialNetworksToken)
            {
                errors.Add($"{field} '{pattern}' is not a known list; use {ChannelRules.SearchEnginesToken} "
                    + $"or {ChannelRules.SocialNetworksToken}.");
            }
        }
        ValidateHosts(patterns, field, errors, checkEmpty: false);
    }

    private static void ValidateHosts(IReadOnlyList<string> hosts, string field, List<string> errors, bool checkEmpty = true)
    {
        if (checkEmpty)
            RequireValues(hosts, field, errors);
        foreach (var host in hosts)
        {
            if (host is not null && (host.Contains("://", StringComparison.Ordinal) || host.Contains('/')))
                errors.Add($"{field} '{host}' should be a host such as 'facebook.com', not a URL.");
        }
    }

    private static void RequireValues(IReadOnlyList<string> values, string field, List<string> errors)
    {
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim('.', ' ').Length == 0)
            {
                errors.Add($"{field} contains an empty value.");
                return;
            }
        }
    }

    private static string KnownChannels => $"Known channels: {string.Join(", ", Channels.All)}.";
}
