namespace Omnia.Core.Demo;

/// <summary>The cities demo customers live in and the stores near them.</summary>
internal static class Places
{
    public static readonly Store SanFrancisco = new("sf-union-square", "Northwind Union Square");
    public static readonly Store Seattle = new("sea-capitol-hill", "Northwind Capitol Hill");
    public static readonly Store Portland = new("pdx-pearl-district", "Northwind Pearl District");
    public static readonly Store Denver = new("den-larimer", "Northwind Larimer Square");
    public static readonly Store Chicago = new("chi-wicker-park", "Northwind Wicker Park");
    public static readonly Store Boston = new("bos-back-bay", "Northwind Back Bay");
    public static readonly Store NewYork = new("nyc-soho", "Northwind SoHo");
    public static readonly Store Vancouver = new("yvr-gastown", "Northwind Gastown");
    public static readonly Store London = new("lon-covent-garden", "Northwind Covent Garden");

    public static readonly City SanFranciscoCity = Us("San Francisco", "America/Los_Angeles", -7, SanFrancisco, "415", "628");

    /// <summary>Cities with the share of customers living there.</summary>
    public static readonly IReadOnlyList<(City Item, double Weight)> Cities =
    [
        (SanFranciscoCity, 12),
        (Us("Seattle", "America/Los_Angeles", -7, Seattle, "206", "425"), 10),
        (Us("Portland", "America/Los_Angeles", -7, Portland, "503", "971"), 8),
        (Us("Denver", "America/Denver", -6, Denver, "303", "720"), 9),
        (Us("Salt Lake City", "America/Denver", -6, null, "801", "385"), 4),
        (Us("Austin", "America/Chicago", -5, null, "512", "737"), 5),
        (Us("Chicago", "America/Chicago", -5, Chicago, "312", "773", "872"), 9),
        (Us("Minneapolis", "America/Chicago", -5, null, "612", "763"), 4),
        (Us("Boston", "America/New_York", -4, Boston, "617", "857"), 8),
        (Us("New York", "America/New_York", -4, NewYork, "212", "646", "917"), 10),
        (Us("Burlington", "America/New_York", -4, null, "802"), 2),
        (Us("Asheville", "America/New_York", -4, null, "828"), 2),
        (Ca("Vancouver", "America/Vancouver", -7, Vancouver, "604", "778"), 5),
        (Ca("Toronto", "America/Toronto", -4, null, "416", "647"), 4),
        (Uk("London", Places.London, ("20", "7946")), 6),
        (Uk("Manchester", null, ("161", "496")), 2),
        (Uk("Edinburgh", null, ("131", "496")), 2),
    ];

    /// <summary>The cities that have a store, for customers who mostly shop in person.</summary>
    public static readonly IReadOnlyList<(City Item, double Weight)> StoreCities =
        Cities.Where(c => c.Item.HomeStore is not null).ToArray();

    private static City Us(string name, string timeZone, int offsetHours, Store? store, params string[] areaCodes) =>
        new(name, "US", "en-US", timeZone, offsetHours * 60, Nanp(areaCodes), store);

    private static City Ca(string name, string timeZone, int offsetHours, Store? store, params string[] areaCodes) =>
        new(name, "CA", "en-CA", timeZone, offsetHours * 60, Nanp(areaCodes), store);

    private static City Uk(string name, Store? store, (string Area, string Exchange) range) =>
        new(name, "GB", "en-GB", "Europe/London", 60, [new PhoneRange("44", range.Area, range.Exchange, 0, 999)], store);

    private static PhoneRange[] Nanp(string[] areaCodes) =>
        areaCodes.Select(a => new PhoneRange("1", a, "555", 100, 199)).ToArray();
}
