namespace Omnia.Core.Demo;

/// <summary>Where a web visit lands and what tags and referrer it carries.</summary>
internal sealed record VisitSource(WebPage Landing, Utm? Campaign, string? Referrer, Product? Product);

/// <summary>
/// Turns an <see cref="Arrival"/> into realistic UTM tags, referrers and landing pages: paid ads land on
/// products or the sale, organic search on products and journal articles, direct visits on the home page.
/// </summary>
internal static class Traffic
{
    private static readonly (string Name, string Content)[] PaidSocialCampaigns =
    [
        ("spring_sale", "carousel_rain_shells"), ("summer_clearance", "reel_clearance"),
        ("new_arrivals", "story_alpine_guide"), ("retargeting_cart", "dpa_viewed_products"),
    ];

    private static readonly (string Name, string Term)[] SearchCampaigns =
    [
        ("brand_search", "northwind outfitters"), ("generic_jackets", "waterproof rain jacket"),
        ("hiking_boots", "waterproof hiking boots"), ("spring_sale", "outdoor clothing sale"),
    ];

    private static readonly (string Source, string Referrer)[] SocialNetworks =
        [("facebook", "https://m.facebook.com/"), ("instagram", "https://l.instagram.com/"), ("tiktok", "https://www.tiktok.com/")];

    private static readonly string[] SearchEngines =
        ["https://www.google.com/", "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/"];

    private static readonly string[] Forums =
    [
        "https://www.reddit.com/r/CampingGear/", "https://www.reddit.com/r/hiking/",
        "https://www.reddit.com/r/Ultralight/", "https://www.trailreviews.example/best-rain-jackets",
    ];

    public static VisitSource For(Arrival arrival, DemoRandom rng, Func<Product> pickProduct)
    {
        var product = pickProduct();
        var productPage = WebPage.For(product);
        switch (arrival)
        {
            case Arrival.OrganicSearch:
                var roll = rng.NextDouble();
                var landing = roll < 0.5 ? productPage : roll < 0.8 ? WebPage.For(product.Category) : rng.Pick(WebPage.Journal);
                return new VisitSource(landing, null, rng.Pick(SearchEngines), ReferenceEquals(landing, productPage) ? product : null);
            case Arrival.PaidSearch:
                var (name, term) = rng.Pick(SearchCampaigns);
                var utm = new Utm("google", "cpc", name, Term: term);
                return name == "brand_search"
                    ? new VisitSource(WebPage.Home.WithQuery(utm.Query), utm, "https://www.google.com/", null)
                    : new VisitSource(productPage.WithQuery(utm.Query), utm, "https://www.google.com/", product);
            case Arrival.PaidSocial:
                var (campaign, content) = rng.Pick(PaidSocialCampaigns);
                var (network, referrer) = rng.Pick(SocialNetworks);
                var social = new Utm(network, "paid_social", campaign, content);
                return campaign is "spring_sale" or "summer_clearance" && rng.Chance(0.5)
                    ? new VisitSource(WebPage.Sale.WithQuery(social.Query), social, referrer, null)
                    : new VisitSource(productPage.WithQuery(social.Query), social, referrer, product);
            case Arrival.OrganicSocial:
                var organic = rng.Chance(0.6)
                    ? new Utm("instagram", "social", "trail_stories", "bio_link")
                    : new Utm("tiktok", "social", "trail_stories", "profile_link");
                return new VisitSource(productPage.WithQuery(organic.Query), organic,
                    organic.Source == "instagram" ? "https://l.instagram.com/" : "https://www.tiktok.com/", product);
            case Arrival.Display:
                var display = new Utm("google", "display", rng.Chance(0.5) ? "retargeting_cart" : "brand_awareness", "banner_300x250");
                return new VisitSource(productPage.WithQuery(display.Query), display, "https://googleads.g.doubleclick.net/", product);
            case Arrival.Affiliate:
                var affiliate = new Utm("trailreviews", "affiliate", "best_of_the_season", "review_link");
                return new VisitSource(productPage.WithQuery(affiliate.Query), affiliate,
                    "https://www.trailreviews.example/best-of-the-season", product);
            case Arrival.Referral:
                return rng.Chance(0.6)
                    ? new VisitSource(productPage, null, rng.Pick(Forums), product)
                    : new VisitSource(rng.Pick(WebPage.Journal), null, rng.Pick(Forums), null);
            default:
                return rng.Chance(0.8)
                    ? new VisitSource(WebPage.Home, null, null, null)
                    : new VisitSource(productPage, null, null, product);
        }
    }

    /// <summary>A visit from a link in our own email or SMS.</summary>
    public static VisitSource FromMessage(Utm utm, WebPage landing, Product? product) =>
        new(landing.WithQuery(utm.Query), utm, null, product);
}
