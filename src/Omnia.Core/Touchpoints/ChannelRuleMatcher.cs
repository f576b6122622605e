namespace Omnia.Core.Touchpoints;

/// <summary>Evaluates one <see cref="ChannelRule"/> against an event and says, in the analyst's terms, what matched.</summary>
internal static class ChannelRuleMatcher
{
    public static bool Matches(ChannelRule rule, in TouchpointInput input, ReadOnlySpan<char> referrerHost,
        ReadOnlySpan<char> pageQuery, ChannelRules rules)
    {
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
        // Checked last because they rarely fail: Validate reports both, and at run time a rule without
        // conditions must not swallow every event, nor an unknown code reach reports.
        return rule.HasConditions && Channels.IsKnown(rule.Channel);
    }

    /// <summary>"utm_medium=cpc, utm_source=google": the values that satisfied each of the rule's conditions.</summary>
    public static string Describe(ChannelRule rule, in TouchpointInput input, ReadOnlySpan<char> referrerHost, ReadOnlySpan<char> pageQuery)
    {
        string? reason = null;
        if (rule.EventNames.Count > 0)
            Append(ref reason, $"event {input.EventName}");
        if (rule.Mediums.Count > 0)
            Append(ref reason, $"utm_medium={input.UtmMedium}");
        if (rule.Sources.Count > 0)
            Append(ref reason, $"utm_source={input.UtmSource}");
        if (rule.CampaignPrefixes.Count > 0)
            Append(ref reason, $"utm_campaign={input.UtmCampaign}");
        if (rule.ReferrerHosts.Count > 0)
            Append(ref reason, $"referrer {UrlParts.DisplayHost(referrerHost)}");
        if (rule.UrlParameters.Count > 0)
            Append(ref reason, FirstParameterPresent(pageQuery, rule.UrlParameters)!);
        return reason ?? "";

        static void Append(ref string? reason, string part) => reason = reason is null ? part : $"{reason}, {part}";
    }

    private static bool EventNameMatches(string? eventName, IReadOnlyList<string> patterns)
    {
        if (eventName is null)
            return false;
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
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
        for (var i = 0; i < patterns.Count; i++)
        {
            var matches = patterns[i] switch
            {
                ChannelRules.SearchEnginesToken => HostPattern.SourceMatchesAny(source, rules.SearchEngines),
                ChannelRules.SocialNetworksToken => HostPattern.SourceMatchesAny(source, rules.SocialNetworks),
                null => false,
                var pattern => HostPattern.MatchesSource(source, pattern),
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
        for (var i = 0; i < patterns.Count; i++)
        {
            var matches = patterns[i] switch
            {
                ChannelRules.SearchEnginesToken => HostPattern.MatchesAny(host, rules.SearchEngines),
                ChannelRules.SocialNetworksToken => HostPattern.MatchesAny(host, rules.SocialNetworks),
                null => false,
                var pattern => HostPattern.Matches(host, pattern),
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
        for (var i = 0; i < prefixes.Count; i++)
        {
            var prefix = prefixes[i];
            if (!string.IsNullOrWhiteSpace(prefix) && campaign.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static string? FirstParameterPresent(ReadOnlySpan<char> query, IReadOnlyList<string> names)
    {
        if (query.IsEmpty)
            return null;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (!string.IsNullOrWhiteSpace(name) && UrlParts.TryGetParameter(query, name.Trim(), out _))
                return name;
        }
        return null;
    }
}
