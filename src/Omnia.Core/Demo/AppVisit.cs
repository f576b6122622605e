using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>
/// One app session: lifecycle events (<c>Application Installed</c>/<c>Opened</c>/<c>Backgrounded</c>),
/// screens, signing in, and the same shopping funnel as the web, optionally opened from a push.
/// </summary>
internal sealed class AppVisit
{
    private readonly CustomerState _s;
    private readonly DeviceState _device;
    private readonly DemoContext _context;
    private DateTimeOffset _at;

    private AppVisit(CustomerState s, DeviceState device, DateTimeOffset at)
    {
        _s = s;
        _device = device;
        _at = at;
        _context = device.Device.Context(s.Customer.City);
    }

    private DemoRandom Rng => _s.Rng;

    private Ids Ids => _s.IdsOn(_device);

    public static void Run(CustomerState s, DeviceState device, DateTimeOffset planned, Campaign? push = null)
    {
        device.Visits++;
        var visit = new AppVisit(s, device, s.Reserve(planned));
        visit.Play(push);
        s.BusyUntil = visit._at.AddMinutes(1);
    }

    private void Play(Campaign? push)
    {
        var version = _device.Device.AppVersion;
        var build = _device.Device.AppBuild;
        if (push is not null)
        {
            _s.Emit(DemoEvent.Track(_at, Ids, "Push Notification Opened", _context with { Channel = "push" }, w =>
            {
                w.WriteString("campaign_name", push.Name);
                w.WriteString("campaign_id", push.CampaignId);
                w.WriteString("title", "Northwind Outfitters");
                w.WriteString("body", push.Subject);
            }));
            Step(1, 2);
        }

        if (_device.Visits == 1)
        {
            _s.Emit(DemoEvent.Track(_at, Ids, "Application Installed", _context, w =>
            {
                w.WriteString("version", version);
                w.WriteString("build", build);
            }));
            Step(1, 5);
        }

        var fromBackground = _device.Visits > 1 && push is null && Rng.Chance(0.4);
        _s.Emit(DemoEvent.Track(_at, Ids, "Application Opened", _context, w =>
        {
            w.WriteBoolean("from_background", fromBackground);
            w.WriteString("version", version);
            w.WriteString("build", build);
        }));
        Screen("Home");
        if (_device.SignsInThisVisit)
        {
            SignIn();
        }

        var viewed = new List<Product>();
        var screens = 1 + Rng.Poisson(1.2);
        for (var i = 0; i < screens; i++)
        {
            if (Rng.Chance(0.35))
            {
                var category = Rng.Pick(_s.Customer.Favourites);
                Screen("Category", w => w.WriteString("category", category.Name));
                continue;
            }

            var product = _s.PickProduct();
            viewed.Add(product);
            Screen("Product Detail", w =>
            {
                w.WriteString("product_id", product.ProductId);
                w.WriteString("name", product.Name);
            });
            Step(1, 2);
            _s.Emit(DemoEvent.Track(_at, Ids, "Product Viewed", _context, Ecommerce.ProductProperties(new OrderLine(product, product.Price, 1))));
        }

        if (viewed.Count > 0 && Rng.Chance(_s.Behaviour.AddToCart))
        {
            Shop(viewed[^1]);
        }

        Step(20, 200);
        _s.Emit(DemoEvent.Track(_at, Ids, "Application Backgrounded", _context));
    }

    private void Shop(Product product)
    {
        var line = _s.LineFor(product, null);
        var cartId = "cart_" + Rng.Uuid()[..8];
        Step(10, 60);
        _s.Emit(DemoEvent.Track(_at, Ids, "Product Added", _context, Ecommerce.ProductProperties(line, cartId)));
        Screen("Cart");
        Step(1, 2);
        IReadOnlyList<OrderLine> lines = [line];
        _s.Emit(DemoEvent.Track(_at, Ids, "Cart Viewed", _context, Ecommerce.CartProperties(cartId, lines)));
        if (!Rng.Chance(_s.Behaviour.CheckoutGivenCart))
        {
            _s.AbandonedCart = (lines, _at);
            _s.AbandonedCartId = cartId;
            return;
        }

        if (!_device.Identified)
        {
            SignIn();
        }

        var order = new Order(_s.NextOrderId("NW"), lines, null);
        Screen("Checkout");
        _s.Emit(DemoEvent.Track(_at, Ids, "Checkout Started", _context, Ecommerce.CheckoutProperties(order, cartId)));
        if (!Rng.Chance(_s.Behaviour.PurchaseGivenCheckout))
        {
            _s.AbandonedCart = (lines, _at);
            _s.AbandonedCartId = cartId;
            return;
        }

        Step(40, 200);
        var affiliation = _device.Device.Kind == DeviceKind.IosApp ? "iOS App" : "Android App";
        _s.Emit(DemoEvent.Track(_at, Ids, "Order Completed", _context, Ecommerce.OrderProperties(order, affiliation, w => w.WriteString("cart_id", cartId))));
        Reviews.MaybeReview(_s, order, _at, Ids, _context);
        _s.AbandonedCart = null;
        Screen("Order Confirmation");
        if (_s.RecordOrder())
        {
            _s.Emit(Accounts.TierUpdate(_s, _at.AddMilliseconds(500), Ids, _context));
        }
    }

    private void SignIn()
    {
        Screen("Sign In");
        Step(10, 40);
        _at = Accounts.SignIn(_s, _device, _at, _context);
    }

    private void Screen(string name, Action<Utf8JsonWriter>? properties = null)
    {
        Step(3, 60);
        _s.Emit(DemoEvent.Screen(_at, Ids, name, _context, properties));
    }

    private void Step(int minSeconds, int maxSeconds) =>
        _at = _at.AddSeconds(Rng.Next(minSeconds, maxSeconds + 1)).AddMilliseconds(Rng.Next(1000));
}
