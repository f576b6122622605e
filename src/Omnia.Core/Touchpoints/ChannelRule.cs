namespace Omnia.Core.Touchpoints;

/// <summary>
/// One line of a workspace's channel rules: events that satisfy every non-empty condition list get
/// <see cref="Channel"/>; within a list any entry may match. Comparisons ignore case.
/// </summary>
public sealed record ChannelRule
{
    /// <summary>The channel code (<see cref="Channels"/>) this rule assigns.</summary>
    public required string Channel { get; init; }

    /// <summary>utm_medium values; '-', '_' and spaces are interchangeable ("paid-social" = "paid_social").</summary>
    public IReadOnlyList<string> Mediums { get; init => field = value ?? []; } = [];

    /// <summary>
    /// utm_source words or domains ("facebook", "facebook.com"), matched like <see cref="ReferrerHosts"/>;
    /// <c>@search_engines</c> and <c>@social_networks</c> stand for the workspace's lists.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init => field = value ?? []; } = [];

    /// <summary>Prefixes of utm_campaign ("brand_" matches "brand_spring_2025").</summary>
    public IReadOnlyList<string> CampaignPrefixes { get; init => field = value ?? []; } = [];

    /// <summary>Event names, exact or a prefix ending in '*' ("Email *" matches "Email Opened").</summary>
    public IReadOnlyList<string> EventNames { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Referrer hosts: a domain and its subdomains ("facebook.com"), or a whole host label ("google", "google.");
    /// <c>@search_engines</c> and <c>@social_networks</c> stand for the workspace's lists.
    /// </summary>
    public IReadOnlyList<string> ReferrerHosts { get; init => field = value ?? []; } = [];

    /// <summary>Query parameters of the page URL whose presence matches, such as click ids ("gclid").</summary>
    public IReadOnlyList<string> UrlParameters { get; init => field = value ?? []; } = [];

    /// <summary>Whether the rule has at least one condition; a rule without any would match every event.</summary>
    internal bool HasConditions =>
        Mediums.Count > 0 || Sources.Count > 0 || CampaignPrefixes.Count > 0
        || EventNames.Count > 0 || ReferrerHosts.Count > 0 || UrlParameters.Count > 0;
}
