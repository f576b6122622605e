namespace Omnia.Core.Touchpoints;

/// <summary>
/// Decides the channel of an event. Precedence: an explicit <c>context.channel</c>; the <c>channel</c> property of
/// one of our own message events (<see cref="MessageEventKinds"/>); the workspace's rules in order (own message events
/// by name, UTM tags, click ids); the referrer, unless it is internal or the page's own host; unrecognised UTM tags
/// (other); otherwise direct. A message event's campaign is its <c>campaign</c> (or <c>campaign_name</c>) property
/// when it has no utm_campaign. Pure and allocation-light: it runs for every event.
/// </summary>
public static class TouchpointClassifier
{
    /// <summary>
    /// The touchpoint for <paramref name="input"/> under a workspace's <paramref name="rules"/>. With
    /// <paramref name="explain"/> false its <see cref="Touchpoint.Reason"/> is empty: the processor, which classifies
    /// every event and never shows why, does not build the sentence.
    /// </summary>
    public static Touchpoint Classify(in TouchpointInput input, ChannelRules rules, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var referrerHost = UrlParts.Host(input.Referrer);
        if (input.ExplicitChannel is { } explicitValue
            && ExplicitChannel.TryResolve(explicitValue, rules, out var explicitChannel, out var explicitReason))
        {
            return Create(input, explicitChannel, explicitReason, ExternalSourceOrNull(referrerHost, input, rules));
        }

        if (input.MessageChannel is { } messageValue
            && ExplicitChannel.TryResolve(messageValue, rules, out var messageChannel, out _))
        {
            return Create(input, messageChannel, explain ? $"event {input.EventName}, channel={messageValue}" : string.Empty, ExternalSourceOrNull(referrerHost, input, rules));
        }

        var pageQuery = UrlParts.Query(input.PageUrl);
        var ruleList = rules.Rules;
        for (var i = 0; i < ruleList.Count; i++)
        {
            var rule = ruleList[i];
            if (rule is not null && ChannelRuleMatcher.Matches(rule, input, referrerHost, pageQuery, rules))
            {
                var reason = explain ? ChannelRuleMatcher.Describe(rule, input, referrerHost, pageQuery) : string.Empty;
                return Create(input, rule.Channel, reason, ExternalSourceOrNull(referrerHost, input, rules));
            }
        }

        if (IsExternal(referrerHost, input.PageUrl, rules))
        {
            var host = UrlParts.DisplayHost(referrerHost);
            var (channel, medium) =
                HostPattern.MatchesAny(referrerHost, rules.SearchEngines) ? (Channels.OrganicSearch, "organic")
                : HostPattern.MatchesAny(referrerHost, rules.SocialNetworks) ? (Channels.Social, "social")
                : (Channels.Referral, "referral");
            return new Touchpoint(channel, input.UtmCampaign ?? input.MessageCampaign, input.UtmSource ?? host, input.UtmMedium ?? medium,
                explain ? $"referrer {host}" : string.Empty);
        }

        if (input.HasUtmTags)
        {
            var reason = !explain ? string.Empty
                : input.UtmMedium is not null
                    ? $"unrecognised utm_medium={input.UtmMedium}"
                    : $"unrecognised utm_source={input.UtmSource}";
            return Create(input, Channels.Other, reason, externalReferrerHost: null);
        }

        var directReason = !explain ? string.Empty
            : referrerHost.IsEmpty
                ? input.IsAppEvent ? "app event without campaign or referrer" : "no referrer"
                : HostPattern.MatchesAny(referrerHost, rules.InternalHosts)
                    ? $"internal referrer {UrlParts.DisplayHost(referrerHost)}"
                    : $"self-referral {UrlParts.DisplayHost(referrerHost)}";
        return Create(input, Channels.Direct, directReason, externalReferrerHost: null);
    }

    private static Touchpoint Create(in TouchpointInput input, string channel, string reason, string? externalReferrerHost) =>
        new(channel, input.UtmCampaign ?? input.MessageCampaign, input.UtmSource ?? externalReferrerHost, input.UtmMedium, reason);

    /// <summary>The referrer's host when it will be the touchpoint's source: no utm_source, and an external referrer.</summary>
    private static string? ExternalSourceOrNull(ReadOnlySpan<char> referrerHost, in TouchpointInput input, ChannelRules rules) =>
        input.UtmSource is null && IsExternal(referrerHost, input.PageUrl, rules) ? UrlParts.DisplayHost(referrerHost) : null;

    /// <summary>Whether a referrer came from outside: not empty, not an internal host, not the page's own host.</summary>
    private static bool IsExternal(ReadOnlySpan<char> referrerHost, string? pageUrl, ChannelRules rules)
    {
        if (referrerHost.IsEmpty || HostPattern.MatchesAny(referrerHost, rules.InternalHosts))
            return false;
        var pageHost = UrlParts.WithoutWww(UrlParts.Host(pageUrl));
        return !UrlParts.WithoutWww(referrerHost).Equals(pageHost, StringComparison.OrdinalIgnoreCase);
    }
}
