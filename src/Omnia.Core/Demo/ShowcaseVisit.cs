using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>One session of the showcase person on one device: events nine seconds apart, one context.</summary>
internal sealed class ShowcaseVisit(Action<DemoEvent> add, Device device, DateTimeOffset at, Ids ids)
{
    private readonly DemoContext _base = device.Context(Places.SanFranciscoCity);
    private DemoContext _context = device.Context(Places.SanFranciscoCity);
    private DateTimeOffset _at = at;
    private Ids _ids = ids;

    /// <summary>From now on the events carry these ids (after signing in).</summary>
    public void SwitchTo(Ids ids) => _ids = ids;

    public void Page(WebPage page, string? referrer = null, Utm? campaign = null)
    {
        _context = _base with { Page = page, Referrer = referrer ?? _context.Page?.Url, Campaign = campaign };
        add(DemoEvent.Page(Next(), _ids, _context));
    }

    public void Screen(string name, Action<Utf8JsonWriter>? properties = null) =>
        add(DemoEvent.Screen(Next(), _ids, name, _context, properties));

    public void Track(string name, Action<Utf8JsonWriter>? properties = null) =>
        add(DemoEvent.Track(Next(), _ids, name, _context, properties));

    public void Identify(Action<Utf8JsonWriter> traits) => add(DemoEvent.Identify(Next(), _ids, _context, traits));

    public void ProductViewed(Product product, decimal price) =>
        Track("Product Viewed", Ecommerce.ProductProperties(new OrderLine(product, price, 1)));

    private DateTimeOffset Next()
    {
        var current = _at;
        _at = _at.AddSeconds(9);
        return current;
    }
}
