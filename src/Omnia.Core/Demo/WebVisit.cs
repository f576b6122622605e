namespace Omnia.Core.Demo;

/// <summary>
/// One browser session: the landing page with its UTM tags or referrer, browsing with
/// <c>Product Viewed</c>, maybe signing in, and maybe a cart that is bought or abandoned.
/// </summary>
internal sealed class WebVisit
{
    private readonly CustomerState _s;
    private readonly DeviceState _device;
    private readonly DemoContext _base;
    private readonly Promotion? _promotion;
    private readonly List<Product> _viewed = [];
    private DateTimeOffset _at;
    private DemoContext _page;

    private WebVisit(CustomerState s, DeviceState device, DateTimeOffset at, VisitSource source)
    {
        _s = s;
        _device = device;
        _at = at;
        _base = device.Device.Context(s.Customer.City);
        _promotion = Promotion.For(source.Campaign);
        _page = _base with { Page = source.Landing, Referrer = source.Referrer, Campaign = source.Campaign };
    }

    private DemoRandom Rng => _s.Rng;

    private Ids Ids => _s.IdsOn(_device);

    /// <summary>Plays a visit starting no earlier than <paramref name="planned"/>; <paramref name="cart"/> resumes an abandoned cart.</summary>
    public static void Run(CustomerState s, DeviceState device, DateTimeOffset planned, VisitSource source, IReadOnlyList<OrderLine>? cart = null)
    {
        device.Visits++;
        var visit = new WebVisit(s, device, s.Reserve(planned), source);
        visit.Play(source, cart);
        s.BusyUntil = visit._at.AddMinutes(1);
    }

    private void Play(VisitSource source, IReadOnlyList<OrderLine>? cart)
    {
        _s.Emit(DemoEvent.Page(_at, Ids, _page));
        if (source.Product is { } landed)
        {
            ViewProduct(landed);
        }

        if (_device.SignsInThisVisit)
        {
            SignIn();
        }

        if (cart is not null)
        {
            Checkout(cart, resumed: true);
            return;
        }

        var researcher = _s.Customer.Persona == Persona.Researcher;
        var pages = 1 + Rng.Poisson(researcher ? 1.8 : 1.0);
        for (var i = 0; i < pages; i++)
        {
            Browse(researcher);
        }

        if (_viewed.Count > 0 && Rng.Chance(_s.Behaviour.AddToCart))
        {
            var lines = new List<OrderLine> { _s.LineFor(_viewed[^1], _promotion) };
            if (_viewed.Count > 1 && _viewed[0] != _viewed[^1] && Rng.Chance(0.3))
            {
                lines.Add(_s.LineFor(_viewed[0], _promotion));
            }

            Checkout(lines, resumed: false);
        }
    }

    private void Browse(bool researcher)
    {
        var roll = Rng.NextDouble();
        if (roll < 0.55)
        {
            var product = _s.PickProduct();
            Navigate(WebPage.For(product));
            ViewProduct(product);
        }
        else if (roll < 0.8)
        {
            Navigate(WebPage.For(Rng.Pick(_s.Customer.Favourites)));
        }
        else if (researcher || roll < 0.9)
        {
            Navigate(researcher && Rng.Chance(0.5) ? Rng.Pick(WebPage.Journal) : WebPage.SearchResults(_s.PickProduct().Category.SearchTerm));
        }
        else
        {
            Navigate(_promotion is null ? WebPage.Home : WebPage.Sale);
        }
    }

    private void Checkout(IReadOnlyList<OrderLine> lines, bool resumed)
    {
        var cartId = "cart_" + Rng.Uuid()[..8];
        if (resumed && _s.AbandonedCartId is { } previous)
        {
            cartId = previous;
        }

        if (resumed)
        {
            Step(1, 3);
            _s.Emit(DemoEvent.Track(_at, Ids, "Cart Viewed", _page, Ecommerce.CartProperties(cartId, lines)));
        }
        else
        {
            foreach (var line in lines)
            {
                Step(10, 60);
                _s.Emit(DemoEvent.Track(_at, Ids, "Product Added", _page, Ecommerce.ProductProperties(line, cartId)));
            }

            if (Rng.Chance(0.7))
            {
                Navigate(WebPage.Cart);
                Step(1, 3);
                _s.Emit(DemoEvent.Track(_at, Ids, "Cart Viewed", _page, Ecommerce.CartProperties(cartId, lines)));
            }
        }

        var checkout = resumed ? 0.6 : _s.Behaviour.CheckoutGivenCart;
        if (_s.Customer.NeverIdentifies || !Rng.Chance(checkout))
        {
            _s.AbandonedCart = (lines, _at);
            _s.AbandonedCartId = cartId;
            return;
        }

        if (!_device.Identified)
        {
            SignIn();
        }

        var order = new Order(_s.NextOrderId("NW"), lines, _promotion?.Coupon);
        Navigate(WebPage.Checkout);
        Step(1, 3);
        _s.Emit(DemoEvent.Track(_at, Ids, "Checkout Started", _page, Ecommerce.CheckoutProperties(order, cartId)));
        var purchase = _s.Behaviour.PurchaseGivenCheckout * (_promotion is null ? 1 - 0.6 * _s.Behaviour.SaleShopper : 1);
        if (!Rng.Chance(purchase))
        {
            _s.AbandonedCart = (lines, _at);
            _s.AbandonedCartId = cartId;
            return;
        }

        Step(60, 300);
        _s.Emit(DemoEvent.Track(_at, Ids, "Order Completed", _page, Ecommerce.OrderProperties(order, "Online Store", w => w.WriteString("cart_id", cartId))));
        Reviews.MaybeReview(_s, order, _at, Ids, _page);
        _s.AbandonedCart = null;
        Navigate(WebPage.Confirmation);
        if (_s.RecordOrder())
        {
            Step(1, 2);
            _s.Emit(Accounts.TierUpdate(_s, _at, Ids, _page));
        }
    }

    private void SignIn()
    {
        Navigate(WebPage.SignIn);
        Step(15, 60);
        _at = Accounts.SignIn(_s, _device, _at, _page);
    }

    private void ViewProduct(Product product)
    {
        Step(1, 3);
        _viewed.Add(product);
        var line = new OrderLine(product, _promotion?.Apply(product.Price) ?? product.Price, 1);
        _s.Emit(DemoEvent.Track(_at, Ids, "Product Viewed", _page, Ecommerce.ProductProperties(line)));
    }

    private void Navigate(WebPage page)
    {
        Step(15, 150);
        _page = _base with { Page = page, Referrer = _page.Page?.Url };
        _s.Emit(DemoEvent.Page(_at, Ids, _page));
    }

    private void Step(int minSeconds, int maxSeconds) =>
        _at = _at.AddSeconds(Rng.Next(minSeconds, maxSeconds + 1)).AddMilliseconds(Rng.Next(1000));
}
