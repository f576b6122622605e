namespace Omnia.Core.Demo;

/// <summary>How a web visit arrives, which decides its UTM tags and referrer.</summary>
internal enum Arrival
{
    Direct,
    OrganicSearch,
    PaidSearch,
    PaidSocial,
    OrganicSocial,
    Display,
    Affiliate,
    Referral,
}
