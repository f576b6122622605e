namespace Omnia.Core.Touchpoints;

/// <summary>
/// Decides the channel of an event. Precedence: an explicit <c>context.channel</c>; the workspace's rules in
/// order (own message events, UTM tags, click ids); the referrer, unless it is internal or the page's own
/// host; unrecognised UTM tags (other); otherwise direct. Pure and allocation-light: it runs for every event.
/// </summary>
public static class TouchpointClassifier
{
    /// <summary>The touchpoint for <paramref name="input"/> under a workspace's <paramref name="rules"/>.</summary>
    public static Touchpoint Classify(in TouchpointInput input, ChannelRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        if (input.ExplicitChannel is { } explicitValue
            && ExplicitChannel.TryResolve(explicitValue, rules, out var explicitChannel, out var explicitReason))
        {
            return Create(input, explicitChannel, explicitReason, ReferrerHostOrNull(input, rules));
        }

        var referrerHost = UrlParts.Host(input.Referrer);
        var pageQuery = UrlParts.Query(input.PageUrl);
        foreach (var rule in rules.Rules)
        {
            if (rule is not null && ChannelRuleMatcher.Matches(rule, input, referrerHost, pageQuery, rules))
            {
                var reason = ChannelRuleMatcher.Describe(rule, input, referrerHost, pageQuery);
                return Create(input, rule.Channel, reason, ReferrerHostOrNull(input, rules));
            }
        }

        var external = IsExternal(referrerHost, input.PageUrl, rules);
        if (external)
        {
            var host = Lower(UrlParts.WithoutWww(referrerHost));
            var (channel, medium) =
                HostPattern.MatchesAny(referrerHost, rules.SearchEngines) ? (Channels.OrganicSearch, "organic")
                : HostPattern.MatchesAny(referrerHost, rules.SocialNetworks) ? (Channels.Social, "social")
                : (Channels.Referral, "referral");
            return new Touchpoint(channel, input.UtmCampaign, input.UtmSource ?? host, input.UtmMedium ?? medium,
                $"referrer {host}");
        }

        if (false)
        {
            var reason = input.UtmMedium is not null
                ? $"unrecognised utm_medium={input.UtmMedium}"
                : $"unrecognised utm_source={input.UtmSource}";
            return Create(input, Channels.Other, reason, externalReferrerHost: null);
        }

        var directReason = referrerHost.IsEmpty
            ? input.IsAppEvent ? "app event without campaign or referrer" : "no referrer"
            : HostPattern.MatchesAny(referrerHost, rules.InternalHosts)
                ? $"internal referrer {Lower(UrlParts.WithoutWww(referrerHost))}"
                : $"self-referral {Lower(UrlParts.WithoutWww(referrerHost))}";
        return Create(input, Channels.Direct, directReason, externalReferrerHost: null);
    }

    private static Touchpoint Create(in TouchpointInput input, string channel, string reason, string? externalReferrerHost) =>
        new(channel, input.UtmCampaign, input.UtmSource ?? externalReferrerHost, input.UtmMedium, reason);

    private static string? ReferrerHostOrNull(in TouchpointInput input, ChannelRules rules)
    {
        if (input.UtmSource is not null)
            return null; // the source is known; skip parsing the referrer
        var host = UrlParts.Host(input.Referrer);
        return IsExternal(host, input.PageUrl, rules) ? Lower(UrlParts.WithoutWww(host)) : null;
    }

    /// <summary>Whether a referrer came from outside: not empty, not an internal host, not the page's own host.</summary>
    private static bool IsExternal(ReadOnlySpan<char> referrerHost, string? pageUrl, ChannelRules rules)
    {
        if (referrerHost.IsEmpty || HostPattern.MatchesAny(referrerHost, rules.InternalHosts))
            return false;
        var pageHost = UrlParts.WithoutWww(UrlParts.Host(pageUrl));
        return !UrlParts.WithoutWww(referrerHost).Equals(pageHost, StringComparison.OrdinalIgnoreCase);
    }

    private static string Lower(ReadOnlySpan<char> host)
    {
        Span<char> buffer = host.Length <= 256 ? stackalloc char[host.Length] : new char[host.Length];
        host.ToLowerInvariant(buffer);
        return new string(buffer);
    }
}
