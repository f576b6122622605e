namespace Omnia.Core.Demo;

/// <summary>
/// The brand's send calendar over the window: a weekly newsletter, two win-back emails to lapsed
/// customers, an SMS flash sale every two weeks and a push every ten days.
/// </summary>
internal sealed class CampaignCalendar
{
    private static readonly (string Name, string Subject, Func<WebPage> Landing, string? Sku)[] Newsletters =
    [
        ("spring_sale", "Spring Sale: 25% off rain shells and fleece", () => WebPage.Sale, null),
        ("new_arrivals", "Just landed: the Alpine Guide Hardshell", () => WebPage.For(Catalog.BySku("NW-JK-106")), "NW-JK-106"),
        ("trail_ready", "Get trail-ready this weekend", () => WebPage.For(Catalog.Footwear), null),
        ("weekend_flash_sale", "48 hours only: an extra 20% off packs", () => WebPage.For(Catalog.Packs), null),
        ("member_exclusive", "Members get early access to the summer collection", () => WebPage.Home, null),
        ("summer_clearance", "Summer clearance: up to 40% off", () => WebPage.Sale, null),
        ("gear_guide", "The layering guide our staff swear by", () => WebPage.Journal[0], null),
    ];

    private readonly List<Campaign>[] _byDay;

    public CampaignCalendar(DemoWindow window)
    {
        _byDay = new List<Campaign>[window.Days];
        for (var day = 0; day < window.Days; day++)
        {
            _byDay[day] = [];
        }

        DateTimeOffset At(int day, int utcHour) => window.LocalMoment(day, utcHour * 60, 0);
        for (int day = 2, n = 0; day < window.Days; day += 7, n++)
        {
            var (name, subject, landing, sku) = Newsletters[n % Newsletters.Length];
            Add(day, new Campaign(name, CampaignChannel.Email, subject, landing(), sku is null ? null : Catalog.BySku(sku), At(day, 15)));
        }

        foreach (var daysAgo in new[] { 30, 12 })
        {
            var day = window.Days - daysAgo;
            if (day >= 0)
            {
                Add(day, new Campaign("winback_q3", CampaignChannel.Email, "We miss you - here's 20% off your next order", WebPage.Home, null, At(day, 16), LapsedOnly: true));
            }
        }

        for (var day = 5; day < window.Days; day += 14)
        {
            Add(day, new Campaign("weekend_flash_sale", CampaignChannel.Sms, "Northwind: 48h flash sale, extra 20% off packs. Shop now", WebPage.For(Catalog.Packs), null, At(day, 17)));
        }

        for (var day = 4; day < window.Days; day += 10)
        {
            Add(day, new Campaign("new_arrivals_push", CampaignChannel.Push, "New in: trail runners for every terrain", WebPage.For(Catalog.Footwear), null, At(day, 18)));
        }
    }

    public IReadOnlyList<Campaign> On(int day) => _byDay[day];

    private void Add(int day, Campaign campaign) => _byDay[day].Add(campaign);
}
