using static Omnia.Core.Demo.DemoDataset;

namespace Omnia.Core.Demo;

/// <summary>
/// Maya Jensen's scripted story (see <see cref="DemoDataset.Showcase"/>), placed between 21 and 3 days
/// before now; for windows shorter than 30 days the story is compressed to fit.
/// </summary>
internal sealed class ShowcasePerson
{
    private const int StoryDays = 25;
    private const int PacificOffsetMinutes = -7 * 60;

    public static readonly PhoneNumber PhoneNumber = new(new PhoneRange("1", "415", "555", 100, 199), 134, 0);

    private static readonly Device Laptop = new(DeviceKind.DesktopWeb, Showcase.LaptopAnonymousId, "198.51.100.23",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36");

    private static readonly Device PhoneBrowser = new(DeviceKind.MobileWeb, Showcase.PhoneAnonymousId, "203.0.113.77",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");

    private static readonly Device App = new(DeviceKind.IosApp, Showcase.AppAnonymousId, "203.0.113.77", null,
        Showcase.AppDeviceId, "Apple", "iPhone15,2", "17.5.1");

    private readonly DemoWindow _window;
    private readonly List<DemoEvent> _events = [];

    private ShowcasePerson(DemoWindow window) => _window = window;

    public static Customer Customer { get; } = new()
    {
        Ordinal = -1,
        Persona = Persona.Researcher,
        UserId = Showcase.UserId,
        FirstName = Showcase.FirstName,
        LastName = Showcase.LastName,
        Email = Showcase.Email,
        Phone = PhoneNumber,
        City = Places.SanFranciscoCity,
        Birthday = new DateOnly(1991, 6, 14),
        LoyaltyTier = "member",
        Devices = [Laptop, PhoneBrowser, App],
        IdentifyAtVisit = [2, 2, 1],
        Favourites = [Catalog.Jackets, Catalog.Footwear],
        ActiveFrom = 0,
        ActiveUntil = 0,
    };

    /// <summary>Her events in timestamp order.</summary>
    public static IEnumerable<DemoEvent> Events(DemoWindow window)
    {
        var story = new ShowcasePerson(window);
        story.Play();
        return story._events.OrderBy(e => e.Timestamp);
    }

    private void Play()
    {
        var rainShell = Catalog.BySku("NW-JK-101");
        var anonymousLaptop = new Ids(null, Showcase.LaptopAnonymousId);
        var anonymousPhone = new Ids(null, Showcase.PhoneAnonymousId);
        var laptop = new Ids(Showcase.UserId, Showcase.LaptopAnonymousId);
        var phone = new Ids(Showcase.UserId, Showcase.PhoneAnonymousId);

        // 21 days ago, evening, laptop: finds a rain shell through Google.
        var visit = new ShowcaseVisit(Add, Laptop, At(21, 20, 10), anonymousLaptop);
        visit.Page(WebPage.For(rainShell), referrer: "https://www.google.com/");
        visit.ProductViewed(rainShell, rainShell.Price);
        visit.Page(WebPage.Journal[1]);
        visit.Page(WebPage.For(Catalog.Jackets));

        // 19 days ago, lunch, phone browser: an Instagram ad for the spring sale; adds to cart and leaves.
        var ad = new Utm("instagram", "paid_social", "spring_sale", "carousel_rain_shells");
        var salePrice = new Promotion(0.25m, "SPRING25").Apply(rainShell.Price);
        visit = new ShowcaseVisit(Add, PhoneBrowser, At(19, 12, 25), anonymousPhone);
        visit.Page(WebPage.For(rainShell).WithQuery(ad.Query), referrer: "https://l.instagram.com/", campaign: ad);
        visit.ProductViewed(rainShell, salePrice);
        visit.Track("Product Added", Ecommerce.ProductProperties(new OrderLine(rainShell, salePrice, 1), "cart_maya01"));
        visit.Page(WebPage.Cart);
        visit.Track("Cart Viewed", Ecommerce.CartProperties("cart_maya01", [new OrderLine(rainShell, salePrice, 1)]));

        // 16 days ago, morning: installs the app and signs in there.
        var appVisit = new ShowcaseVisit(Add, App, At(16, 8, 5), new Ids(null, Showcase.AppAnonymousId));
        appVisit.Track("Application Installed", w => w.WriteString("version", App.AppVersion));
        appVisit.Track("Application Opened", w => w.WriteBoolean("from_background", false));
        appVisit.Screen("Home");
        appVisit.Screen("Sign In");
        appVisit.SwitchTo(new Ids(Showcase.UserId, Showcase.AppAnonymousId));
        appVisit.Identify(Accounts.FullTraits(Customer, "member", _window.End.AddDays(-420), emailOptIn: true));
        appVisit.Track("Signed In", w => w.WriteString("method", "email"));
        appVisit.Screen("Product Detail", w => w.WriteString("product_id", rainShell.ProductId));
        appVisit.ProductViewed(rainShell, rainShell.Price);
        appVisit.Track("Application Backgrounded");

        // 15 days ago, laptop: signs in on the website, tying the laptop's anonymous id to her.
        visit = new ShowcaseVisit(Add, Laptop, At(15, 21, 0), anonymousLaptop);
        visit.Page(WebPage.Home);
        visit.Page(WebPage.SignIn);
        visit.SwitchTo(laptop);
        visit.Identify(w => w.WriteString("email", Showcase.Email));
        visit.Track("Signed In", w => w.WriteString("method", "email"));
        visit.Page(WebPage.For(rainShell));
        visit.ProductViewed(rainShell, rainShell.Price);

        // 12 days ago, phone browser: signs in there too and opts in to SMS.
        visit = new ShowcaseVisit(Add, PhoneBrowser, At(12, 13, 10), anonymousPhone);
        visit.Page(WebPage.Home);
        visit.Page(WebPage.SignIn);
        visit.SwitchTo(phone);
        visit.Identify(w => w.WriteString("email", Showcase.Email));
        visit.Track("Signed In", w => w.WriteString("method", "email"));
        visit.Page(WebPage.Account);
        visit.Track("Subscription Updated", Accounts.SubscriptionProperties("sms", true));

        // 9 days ago: the spring sale newsletter; she clicks in the evening and buys on the laptop.
        var newsletter = new Campaign("spring_sale", CampaignChannel.Email, "Spring Sale: 25% off rain shells and fleece",
            WebPage.Sale, null, At(9, 7, 30));
        Add(EmailMessages.Event(Customer, newsletter, "Email Delivered", newsletter.SendAt.AddSeconds(42)));
        var openedAt = At(9, 19, 40);
        Add(EmailMessages.Event(Customer, newsletter, "Email Opened", openedAt));
        Add(EmailMessages.Event(Customer, newsletter, "Email Link Clicked", openedAt.AddSeconds(35), newsletter.LinkUrl));
        visit = new ShowcaseVisit(Add, Laptop, openedAt.AddSeconds(37), laptop);
        visit.Page(WebPage.Sale.WithQuery(newsletter.Utm.Query), campaign: newsletter.Utm);
        visit.Page(WebPage.For(rainShell));
        visit.ProductViewed(rainShell, salePrice);
        var beanie = Catalog.BySku("NW-AC-801");
        var order = new Order(Showcase.OnlineOrderId,
            [new OrderLine(rainShell, salePrice, 1), new OrderLine(beanie, new Promotion(0.25m, "SPRING25").Apply(beanie.Price), 1)], "SPRING25");
        foreach (var line in order.Lines)
        {
            visit.Track("Product Added", Ecommerce.ProductProperties(line, "cart_maya02"));
        }

        visit.Page(WebPage.Cart);
        visit.Track("Cart Viewed", Ecommerce.CartProperties("cart_maya02", order.Lines));
        visit.Page(WebPage.Checkout);
        visit.Track("Checkout Started", Ecommerce.CheckoutProperties(order, "cart_maya02"));
        visit.Track("Order Completed", Ecommerce.OrderProperties(order, "Online Store", w => w.WriteString("cart_id", "cart_maya02")));
        visit.Page(WebPage.Confirmation);

        // 6 days ago: boots and socks at the Union Square store, e-receipt to her email (no loyalty card).
        var boots = Catalog.BySku("NW-FW-501");
        var socks = Catalog.BySku("NW-FW-505");
        var storeOrder = new Order(Showcase.StoreOrderId, [new OrderLine(boots, boots.Price, 1), new OrderLine(socks, socks.Price, 2)], null);
        Add(StoreVisit.Purchase(Customer, Places.SanFrancisco, At(6, 17, 30), storeOrder, "apple_pay", loyaltyCard: false));

        // 4 days ago: asks support to exchange the rain shell for another size; resolved the next day.
        foreach (var e in SupportDesk.Ticket(Customer, byUserId: true, "T-MAYA-1", "Exchange rain shell for a size M", "normal", "chat",
                     At(4, 10, 15), At(3, 14, 0), satisfaction: 5))
        {
            Add(e);
        }
    }

    private void Add(DemoEvent e) => _events.Add(e);

    /// <summary>A moment <paramref name="daysAgo"/> days before now at a Pacific local time; compressed for short windows.</summary>
    private DateTimeOffset At(int daysAgo, int hour, int minute)
    {
        if (_window.Days >= 30)
        {
            var date = new DateTimeOffset(_window.End.UtcDateTime.Date, TimeSpan.Zero).AddDays(-daysAgo);
            return date.AddMinutes(hour * 60 + minute - PacificOffsetMinutes);
        }

        var storyDaysAgo = daysAgo - (hour * 60 + minute) / 1440.0;
        var windowMs = (_window.End - _window.Start).TotalMilliseconds;
        return _window.End.AddMilliseconds(-Math.Round(storyDaysAgo / StoryDays * windowMs * 0.95));
    }
}
