namespace Omnia.Core.Touchpoints;

/// <summary>Evaluates one <see cref="ChannelRule"/> against an event and says, in the analyst's terms, what matched.</summary>
internal static class ChannelRuleMatcher
{
    public static bool Matches(ChannelRule rule, in TouchpointInput input, ReadOnlySpan<char> referrerHost,
        ReadOnlySpan<char> pageQuery, ChannelRules rules)
    {
        if (!rule.HasConditions || !Channels.IsKnown(rule.Channel))
            return false; // Validate reports these; at run time they must not swallow every event.

        if (rule.EventNames.Count > 0 && !EventNameMatches(input.EventName, rule.EventNames))
            return false;
        if (rule.Mediums.Count > 0 && (input.UtmMedium is null || !LooseText.EqualsAny(input.UtmMedium, rule.Mediums)))
            return false;
        if (rule.Sources.Count > 0 && !SourceMatches(input.UtmSource, rule.Sources, rules))
            return false;
        if (rule.CampaignPrefixes.Count > 0 && !CampaignMatches(input.UtmCampaign, rule.CampaignPrefixes))
            return false;
        if (rule.ReferrerHosts.Count > 0 && !HostMatches(referrerHost, rule.ReferrerHosts, rules))
            return false;
        if (rule.UrlParameters.Count > 0 && FirstParameterPresent(pageQuery, rule.UrlParameters) is null)
            return false;
        return true;
    }

    /// <summary>"utm_medium=cpc, utm_source=google": the values that satisfied each of the rule's conditions.</summary>
    public static string Describe(ChannelRule rule, in TouchpointInput input, ReadOnlySpan<char> referrerHost, ReadOnlySpan<char> pageQuery)
    {
        var parts = new List<string>(2);
        if (rule.EventNames.Count > 0)
            parts.Add($"event {input.EventName}");
        if (rule.Mediums.Count > 0)
            parts.Add($"utm_medium={input.UtmMedium}");
        if (rule.Sources.Count > 0)
            parts.Add($"utm_source={input.UtmSource}");
        if (rule.CampaignPrefixes.Count > 0)
            parts.Add($"utm_campaign={input.UtmCampaign}");
        if (rule.ReferrerHosts.Count > 0)
            parts.Add($"referrer {UrlParts.WithoutWww(referrerHost)}");
        if (rule.UrlParameters.Count > 0)
            parts.Add(FirstParameterPresent(pageQuery, rule.UrlParameters)!);
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts);
    }

    private static bool EventNameMatches(string? eventName, IReadOnlyList<string> patterns)
    {
        if (eventName is null)
            return false;
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
                continue;
            var matches = pattern.EndsWith('*')
                ? pattern.Length > 1 && eventName.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : eventName.Equals(pattern, StringComparison.OrdinalIgnoreCase);
            if (matches)
                return true;
        }
        return false;
    }

    private static bool SourceMatches(string? source, IReadOnlyList<string> patterns, ChannelRules rules)
    {
        if (source is null)
            return false;
        foreach (var pattern in patterns)
        {
            var matches = pattern switch
            {
                ChannelRules.SearchEnginesToken => HostPattern.SourceMatchesAny(source, rules.SearchEngines),
                ChannelRules.SocialNetworksToken => HostPattern.SourceMatchesAny(source, rules.SocialNetworks),
                null => false,
                _ => HostPattern.MatchesSource(source, pattern),
            };
            if (matches)
                return true;
        }
        return false;
    }

    private static bool HostMatches(ReadOnlySpan<char> host, IReadOnlyList<string> patterns, ChannelRules rules)
    {
        if (host.IsEmpty)
            return false;
        foreach (var pattern in patterns)
        {
            var matches = pattern switch
            {
                ChannelRules.SearchEnginesToken => HostPattern.MatchesAny(host, rules.SearchEngines),
                ChannelRules.SocialNetworksToken => HostPattern.MatchesAny(host, rules.SocialNetworks),
                null => false,
                _ => HostPattern.Matches(host, pattern),
            };
            if (matches)
                return true;
        }
        return false;
    }

    private static bool CampaignMatches(string? campaign, IReadOnlyList<string> prefixes)
    {
        if (campaign is null)
            return false;
        foreach (var prefix in prefixes)
        {
            if (!string.IsNullOrWhiteSpace(prefix) && campaign.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static string? FirstParameterPresent(ReadOnlySpan<char> query, IReadOnlyList<string> names)
    {
        if (query.IsEmpty)
            return null;
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name) && UrlParts.TryGetParameter(query, name.Trim(), out _))
                return name;
        }
        return null;
    }
}
