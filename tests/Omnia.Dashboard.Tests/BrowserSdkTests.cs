using System.Text.Json;

namespace Omnia.Dashboard.Tests;

/// <summary>
/// The real browser SDKs from the npm registry (analytics.js = <c>@segment/analytics-next</c>, and
/// <c>@rudderstack/analytics-js</c>) on a shop page served from another origin than Omnia, in headless Chromium
/// that may reach nothing but the two loopback origins: page, track and identify land in one profile.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BrowserSdkTests(DashboardNode node) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    /// <summary>
    /// A Chromium of its own, with the dashboard tests' flags (background networking off) and a host resolver that
    /// resolves nothing but loopback, so the SDKs cannot reach the internet. No request routing: Playwright answers
    /// CORS preflights itself while it intercepts, which would hide exactly what these tests check.
    /// </summary>
    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardNode.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>Opens <paramref name="path"/> of the shop; every request to anything but the shop or Omnia is recorded (and cannot resolve).</summary>
    private async Task<(IPage Page, List<string> Blocked, List<string> Errors)> OpenShopAsync(ShopSite shop, string path)
    {
        var context = await _browser.NewContextAsync();
        context.SetDefaultTimeout(20_000);
        var blocked = new List<string>();
        var allowed = new[] { shop.Origin.GetLeftPart(UriPartial.Authority), node.BaseAddress.GetLeftPart(UriPartial.Authority) };
        context.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && !allowed.Contains(url.GetLeftPart(UriPartial.Authority)))
            {
                lock (blocked)
                {
                    blocked.Add(request.Url);
                }
            }
        };
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(shop.Origin, path).ToString());
        return (page, blocked, errors);
    }

    /// <summary>Polls the lookup API (the automation contract) until the profile has <paramref name="events"/> events.</summary>
    private async Task<JsonElement> ProfileWithEventsAsync(string type, string value, int events, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            await node.CatchUpAsync();
            var (status, body) = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/lookup?type={type}&value={Uri.EscapeDataString(value)}");
            last = $"{status}: {body}";
            if (status == 200)
            {
                var profile = JsonDocument.Parse(body).RootElement.Clone();
                if (profile.GetProperty("eventCount").GetInt32() >= events)
                {
                    return profile;
                }
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"No profile with {events} events for {type} {value}; last lookup {last}; {diagnostics()}");
    }

    private static List<(string? Type, string? Value)> Identifiers(JsonElement profile) =>
        profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("value").GetString())).ToList();

    [Fact]
    public async Task Analytics_js_on_a_shop_page_loads_its_settings_from_omnia_and_page_track_and_identify_land_in_one_profile()
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        string omnia = node.BaseAddress.GetLeftPart(UriPartial.Authority);
        // As the README's snippet: the site hosts analytics.js itself and points cdnURL at Omnia.
        string html = $$"""
            <!doctype html><html><head><title>Trail shop</title>
            <script src="/js/segment/index.js"></script>
            <script>
              const analytics = AnalyticsNext.AnalyticsBrowser.load({ writeKey: '{{DashboardNode.WriteKey}}', cdnURL: '{{omnia}}' })
              window.sdkErrors = []
              analytics.on('error', e => window.sdkErrors.push(String(e && (e.reason || e.code))))
              ;(async () => {
                await analytics.page('Catalog', 'Trail shoes', { path: '/trail-shoes' })
                await analytics.track('Product Viewed', { sku: 'TS-{{run}}', price: 89.5 })
                await analytics.identify('shopper-{{run}}', { email: 'Shopper.{{run}}@Example.com', name: 'Sasha Shopper' })
                window.anonymousId = (await analytics.user()).anonymousId()
                window.sent = true
              })().catch(e => { window.failure = String(e) })
            </script></head><body><h1>Trail shoes</h1></body></html>
            """;
        await using var shop = await ShopSite.StartAsync(new Dictionary<string, string> { ["/"] = html });
        var (page, blocked, errors) = await OpenShopAsync(shop, "/");

        await page.WaitForFunctionAsync("() => window.sent === true || window.failure !== undefined");
        Assert.Null(await page.EvaluateAsync<string?>("() => window.failure ?? null"));
        string anonymousId = await page.EvaluateAsync<string>("() => window.anonymousId");
        string Diagnostics() => $"blocked: [{string.Join(", ", blocked)}]; console errors: [{string.Join(" | ", errors)}]";

        var profile = await ProfileWithEventsAsync("userId", $"shopper-{run}", 3, Diagnostics);
        Assert.Equal(3, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal("Sasha Shopper", profile.GetProperty("traits").GetProperty("name").GetString());
        Assert.Contains(("email", $"shopper.{run}@example.com"), Identifiers(profile));
        Assert.Contains(("anonymousId", anonymousId), Identifiers(profile));
        var timeline = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/{profile.GetProperty("id").GetString()}/timeline");
        Assert.Contains("Product Viewed", timeline.Body);
        Assert.Contains("Trail shoes", timeline.Body);
        Assert.Empty(blocked);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.sdkErrors"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rudderstacks_js_sdk_on_a_shop_page_sends_page_track_and_identify_with_its_traits_into_one_profile()
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        string omnia = node.BaseAddress.GetLeftPart(UriPartial.Authority);
        // RudderStack's bundled build with its source configuration given in the page: nothing is loaded from its CDN or control plane.
        string html = $$"""
            <!doctype html><html><head><title>Trail shop</title>
            <script src="/js/rudderstack/index.js"></script>
            <script>
              const analytics = new rudderanalytics.RudderAnalytics()
              analytics.load('{{DashboardNode.WriteKey}}', '{{omnia}}', {
                getSourceConfig: () => ({ source: { id: 'shop', name: 'Trail shop', enabled: true, workspaceId: 'shop', config: {}, destinations: [] } }),
                polyfillIfRequired: false,
                logLevel: 'ERROR',
              })
              analytics.ready(() => {
                analytics.page('Catalog', 'Trail shoes', { path: '/trail-shoes' })
                analytics.track('Product Viewed', { sku: 'TS-{{run}}', price: 89.5 })
                analytics.identify('rider-{{run}}', { email: 'Rider.{{run}}@Example.com', name: 'Robin Rider' })
                window.anonymousId = analytics.getAnonymousId()
                window.sent = true
              })
            </script></head><body><h1>Trail shoes</h1></body></html>
            """;
        await using var shop = await ShopSite.StartAsync(new Dictionary<string, string> { ["/"] = html });
        var (page, blocked, errors) = await OpenShopAsync(shop, "/");

        await page.WaitForFunctionAsync("() => window.sent === true");
        string anonymousId = await page.EvaluateAsync<string>("() => window.anonymousId");
        string Diagnostics() => $"blocked: [{string.Join(", ", blocked)}]; console errors: [{string.Join(" | ", errors)}]";

        var profile = await ProfileWithEventsAsync("userId", $"rider-{run}", 3, Diagnostics);
        Assert.Equal(3, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal("Robin Rider", profile.GetProperty("traits").GetProperty("name").GetString());
        Assert.Contains(("email", $"rider.{run}@example.com"), Identifiers(profile));
        Assert.Contains(("anonymousId", anonymousId), Identifiers(profile));
        var timeline = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/{profile.GetProperty("id").GetString()}/timeline");
        Assert.Contains("Product Viewed", timeline.Body);
        Assert.Empty(blocked);
        await page.Context.CloseAsync();
    }
}
