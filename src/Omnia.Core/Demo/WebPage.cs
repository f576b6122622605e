namespace Omnia.Core.Demo;

/// <summary>A page of the brand's website, with the page name analytics.js sends.</summary>
internal sealed record WebPage(string Name, string Path, string Title, string Search = "")
{
    public string Url => Catalog.SiteUrl + Path + Search;

    public WebPage WithQuery(string search) => this with { Search = search };

    public static readonly WebPage Home = new("Home", "/", $"{Catalog.Brand} | Outdoor Apparel & Gear");
    public static readonly WebPage Sale = new("Sale", "/collections/sale", $"Sale | {Catalog.Brand}");
    public static readonly WebPage Cart = new("Cart", "/cart", $"Your Cart | {Catalog.Brand}");
    public static readonly WebPage Checkout = new("Checkout", "/checkout", $"Checkout | {Catalog.Brand}");
    public static readonly WebPage Confirmation = new("Order Confirmation", "/checkout/confirmation", $"Thank you | {Catalog.Brand}");
    public static readonly WebPage SignIn = new("Sign In", "/account/login", $"Sign In | {Catalog.Brand}");
    public static readonly WebPage Account = new("Account", "/account", $"My Account | {Catalog.Brand}");

    public static readonly IReadOnlyList<WebPage> Journal =
    [
        new("Journal Article", "/journal/how-to-layer-for-winter-hiking", $"How to Layer for Winter Hiking | {Catalog.Brand}"),
        new("Journal Article", "/journal/rain-shell-buying-guide", $"Rain Shell Buying Guide | {Catalog.Brand}"),
        new("Journal Article", "/journal/first-backpacking-trip-checklist", $"Your First Backpacking Trip: a Checklist | {Catalog.Brand}"),
        new("Journal Article", "/journal/merino-vs-synthetic", $"Merino vs Synthetic Base Layers | {Catalog.Brand}"),
    ];

    public static WebPage For(Product product) =>
        new("Product", $"/products/{product.Slug}", $"{product.Name} | {Catalog.Brand}");

    public static WebPage For(ProductCategory category) =>
        new("Category", category.Path, $"{category.Name} | {Catalog.Brand}");

    public static WebPage SearchResults(string query) =>
        new("Search Results", "/search", $"Search: {query} | {Catalog.Brand}", "?q=" + Uri.EscapeDataString(query).Replace("%20", "+", StringComparison.Ordinal));
}
