using System.Collections.Frozen;

namespace Omnia.Core.Touchpoints;

/// <summary>
/// The channel codes a touchpoint can have. The codes are stable: APIs, stored touchpoints, channel rules
/// and the dashboard use them, so a code is never renamed.
/// </summary>
public static class Channels
{
    public const string OrganicSearch = "organic_search";
    public const string PaidSearch = "paid_search";
    public const string Social = "social";
    public const string PaidSocial = "paid_social";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";
    public const string Display = "display";
    public const string Video = "video";
    public const string Affiliate = "affiliate";
    public const string Referral = "referral";
    public const string Direct = "direct";
    public const string Store = "store";
    public const string Phone = "phone";
    public const string DirectMail = "direct_mail";
    public const string Tv = "tv";
    public const string InApp = "in_app";
    public const string Support = "support";
    public const string Other = "other";

    private static readonly FrozenDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        [OrganicSearch] = "Organic search",
        [PaidSearch] = "Paid search",
        [Social] = "Social",
        [PaidSocial] = "Paid social",
        [Email] = "Email",
        [Sms] = "SMS",
        [Push] = "Push",
        [Display] = "Display",
        [Video] = "Video",
        [Affiliate] = "Affiliate",
        [Referral] = "Referral",
        [Direct] = "Direct",
        [Store] = "Store",
        [Phone] = "Phone",
        [DirectMail] = "Direct mail",
        [Tv] = "TV",
        [InApp] = "In-app",
        [Support] = "Support",
        [Other] = "Other",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every channel code, in the order the dashboard lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        OrganicSearch, PaidSearch, Social, PaidSocial, Email, Sms, Push, Display, Video, Affiliate,
        Referral, Direct, Store, Phone, DirectMail, Tv, InApp, Support, Other,
    ];

    /// <summary>Whether <paramref name="code"/> is exactly one of the channel codes (lowercase, ordinal).</summary>
    public static bool IsKnown(string? code) => code is not null && DisplayNames.ContainsKey(code);

    /// <summary>
    /// The name a person reads for a channel code ("Paid social", "SMS"); an unknown code is returned as given
    /// so a report never hides data it cannot name.
    /// </summary>
    public static string DisplayName(string code) =>
        DisplayNames.TryGetValue(code, out var name) ? name : code;
}
