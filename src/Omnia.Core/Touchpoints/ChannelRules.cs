using System.Collections.ObjectModel;

namespace Omnia.Core.Touchpoints;

/// <summary>
/// A workspace's channel rules, stored and edited as JSON (System.Text.Json web defaults: camelCase).
/// <see cref="TouchpointClassifier"/> applies them after an explicit <c>context.channel</c> and before the
/// referrer. Start from <see cref="Default"/> and check edits with <see cref="Validate"/>.
/// </summary>
public sealed record ChannelRules
{
    /// <summary>In <see cref="ChannelRule.Sources"/> and <see cref="ChannelRule.ReferrerHosts"/>: any of <see cref="SearchEngines"/>.</summary>
    public const string SearchEnginesToken = "@search_engines";

    /// <summary>In <see cref="ChannelRule.Sources"/> and <see cref="ChannelRule.ReferrerHosts"/>: any of <see cref="SocialNetworks"/>.</summary>
    public const string SocialNetworksToken = "@social_networks";

    /// <summary>Marketing defaults: own message events, common UTM conventions, click ids, webmail referrers.</summary>
    public static ChannelRules Default { get; } = DefaultChannelRules.Create();

    /// <summary>Rules in order of precedence; the first that matches decides the channel.</summary>
    public IReadOnlyList<ChannelRule> Rules { get; init => field = value ?? []; } = [];

    /// <summary>Hosts of search engines (patterns as in <see cref="ChannelRule.ReferrerHosts"/>): a referrer among them is organic search.</summary>
    public IReadOnlyList<string> SearchEngines { get; init => field = value ?? []; } = [];

    /// <summary>Hosts of social networks: a referrer among them is social.</summary>
    public IReadOnlyList<string> SocialNetworks { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Referrers that do not start a visit — the workspace's own other domains, payment and sign-in pages —
    /// and so count as direct. The page's own host always counts as internal.
    /// </summary>
    public IReadOnlyList<string> InternalHosts { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Other names for channel codes in <c>context.channel</c> ("pos" → store, "call centre" → phone);
    /// keys compare like <see cref="ChannelRule.Mediums"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChannelAliases { get; init => field = value ?? ReadOnlyDictionary<string, string>.Empty; }
        = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Problems a person must fix before these rules are used, one sentence each; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => ChannelRulesValidator.Validate(this);
}
