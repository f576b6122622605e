namespace Omnia.Core.Demo;

/// <summary>
/// Northwind Outfitters' product catalogue: outdoor apparel and gear in eight categories.
/// </summary>
internal static class Catalog
{
    public const string Brand = "Northwind Outfitters";
    public const string SiteUrl = "https://www.northwind-outfitters.example";
    public const string CdnUrl = "https://cdn.northwind-outfitters.example";
    public const string Currency = "USD";

    public static readonly ProductCategory Jackets = new("Jackets", "jackets", "rain jacket");
    public static readonly ProductCategory Fleece = new("Fleece & Midlayers", "fleece", "fleece hoodie");
    public static readonly ProductCategory BaseLayers = new("Base Layers", "base-layers", "merino base layer");
    public static readonly ProductCategory Pants = new("Pants & Shorts", "pants", "hiking pants");
    public static readonly ProductCategory Footwear = new("Footwear", "footwear", "waterproof boots");
    public static readonly ProductCategory Packs = new("Backpacks", "packs", "daypack");
    public static readonly ProductCategory Camping = new("Camping", "camping", "ultralight tent");
    public static readonly ProductCategory Accessories = new("Accessories", "accessories", "beanie");

    public static readonly IReadOnlyList<ProductCategory> Categories =
        [Jackets, Fleece, BaseLayers, Pants, Footwear, Packs, Camping, Accessories];

    public static readonly IReadOnlyList<Product> Products =
    [
        new("101", "NW-JK-101", "Ridgeline Rain Shell", Jackets, 189.00m),
        new("102", "NW-JK-102", "Summit Down Parka", Jackets, 329.00m),
        new("103", "NW-JK-103", "Trailbreak Softshell", Jackets, 149.00m),
        new("104", "NW-JK-104", "Cascade Insulated Jacket", Jackets, 229.00m),
        new("105", "NW-JK-105", "Windrunner Packable Jacket", Jackets, 89.00m),
        new("106", "NW-JK-106", "Alpine Guide Hardshell", Jackets, 399.00m),
        new("201", "NW-FL-201", "Basecamp Fleece Hoodie", Fleece, 79.00m),
        new("202", "NW-FL-202", "Timberline Quarter-Zip", Fleece, 69.00m),
        new("203", "NW-FL-203", "Highpile Sherpa Vest", Fleece, 99.00m),
        new("204", "NW-FL-204", "Thermal Grid Midlayer", Fleece, 119.00m),
        new("205", "NW-FL-205", "Lakeside Sweater Fleece", Fleece, 109.00m),
        new("301", "NW-BL-301", "Merino 150 Crew", BaseLayers, 65.00m),
        new("302", "NW-BL-302", "Merino 250 Quarter-Zip", BaseLayers, 95.00m),
        new("303", "NW-BL-303", "Coolweave Trail Tee", BaseLayers, 35.00m),
        new("304", "NW-BL-304", "Merino Base Layer Bottoms", BaseLayers, 70.00m),
        new("401", "NW-PT-401", "Switchback Hiking Pant", Pants, 89.00m),
        new("402", "NW-PT-402", "Convertible Trek Pant", Pants, 95.00m),
        new("403", "NW-PT-403", "Ridge Running Shorts", Pants, 45.00m),
        new("404", "NW-PT-404", "Storm Rain Pant", Pants, 129.00m),
        new("405", "NW-PT-405", "Boulder Climbing Pant", Pants, 85.00m),
        new("501", "NW-FW-501", "Trailhead Mid Waterproof Boot", Footwear, 169.00m),
        new("502", "NW-FW-502", "Scree Trail Runner", Footwear, 139.00m),
        new("503", "NW-FW-503", "Canyon Approach Shoe", Footwear, 149.00m),
        new("504", "NW-FW-504", "Camp Slide Sandal", Footwear, 49.00m),
        new("505", "NW-FW-505", "Merino Hiking Socks 2-Pack", Footwear, 28.00m),
        new("601", "NW-PK-601", "Daypack 22L", Packs, 99.00m),
        new("602", "NW-PK-602", "Overland 45L Backpack", Packs, 219.00m),
        new("603", "NW-PK-603", "Summit 65L Trekking Pack", Packs, 289.00m),
        new("604", "NW-PK-604", "Hydration Vest 10L", Packs, 119.00m),
        new("605", "NW-PK-605", "Waist Pack 3L", Packs, 39.00m),
        new("701", "NW-CP-701", "Two-Person Ultralight Tent", Camping, 349.00m),
        new("702", "NW-CP-702", "20-Degree Down Sleeping Bag", Camping, 279.00m),
        new("703", "NW-CP-703", "Insulated Sleeping Pad", Camping, 129.00m),
        new("704", "NW-CP-704", "Titanium Cook Set", Camping, 79.00m),
        new("705", "NW-CP-705", "Trail Headlamp 300", Camping, 45.00m),
        new("801", "NW-AC-801", "Merino Beanie", Accessories, 32.00m),
        new("802", "NW-AC-802", "Trail Cap", Accessories, 28.00m),
        new("803", "NW-AC-803", "Insulated Water Bottle 1L", Accessories, 34.00m),
        new("804", "NW-AC-804", "Trekking Poles Pair", Accessories, 119.00m),
        new("805", "NW-AC-805", "Touchscreen Liner Gloves", Accessories, 29.00m),
    ];

    private static readonly Dictionary<ProductCategory, Product[]> ByCategory =
        Products.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.ToArray());

    public static IReadOnlyList<Product> In(ProductCategory category) => ByCategory[category];

    public static Product BySku(string sku) => Products.First(p => p.Sku == sku);
}
