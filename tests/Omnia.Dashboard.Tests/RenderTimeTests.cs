using Omnia.Core.Demo;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RenderTimeTests(DashboardNode node)
{
    private const double BudgetMs = 300;
    private const int Loads = 7;

    /// <summary>
    /// Each page is loaded once to warm up (JIT, caches), then <see cref="Loads"/> times; the median of the
    /// Server-Timing <c>app</c> durations must be under budget. Figures go to TestResults/render-times.md.
    /// </summary>
    [Fact]
    public async Task Every_dashboard_page_renders_on_the_server_in_under_300_ms_on_demo_data()
    {
        string segment = $"render-{Guid.NewGuid():N}"[..15];
        var (created, _) = await node.AdminAsync(HttpMethod.Put, $"/api/v1/workspaces/default/segments/{segment}",
            """{"version":1,"name":"Repeat buyers","condition":{"computed":{"name":"orderCount","op":"gte","value":2}}}""");
        Assert.Equal(201, created);
        await node.AudiencesCaughtUpAsync();
        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/profiles?q={Uri.EscapeDataString(DemoDataset.Showcase.Email)}");
        string maya = new Uri(node.BaseAddress, await page.Locator("table tbody tr a").First.GetAttributeAsync("href")).AbsolutePath;
        var pages = new (string Name, string Path)[]
        {
            ("Sign-in", "/signin"),
            ("Overview", "/w/default"),
            ("Profiles search", $"/w/default/profiles?q={Uri.EscapeDataString("maya")}"),
            ("Profile 360 (Maya)", maya),
            ("Sources & keys", "/w/default/sources"),
            ("Settings: channel rules", "/w/default/settings"),
            ("Settings: users", "/w/default/settings/users"),
            ("Segments", "/w/default/segments"),
            ("Segment (repeat buyers)", $"/w/default/segments/{segment}"),
            ("New segment", "/w/default/segments/new"),
            ("Edit segment (cart abandoners)", "/w/default/segments/cart-abandoners/edit"),
            ("Personas", "/w/default/personas"),
            ("Lifecycle", "/w/default/lifecycle"),
            ("Journeys", "/w/default/journeys"),
            ("Content", "/w/default/content"),
            ("Contact policy", "/w/default/settings/contact-policy"),
            ("Analytics: channel KPIs", "/w/default/analytics"),
            ("Analytics: buyer journeys", "/w/default/analytics/paths"),
            ("Analytics: funnel (checkout)", "/w/default/analytics/funnels/checkout"),
            ("Attribution", "/w/default/attribution"),
            ("Analytics: Pareto", "/w/default/analytics/pareto"),
            ("Analytics: monthly report", "/w/default/analytics/report"),
            ("Analytics: goals & costs", "/w/default/analytics/goals"),
        };

        var failures = new List<string>();
        foreach (var (name, path) in pages)
        {
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
            var samples = new List<double>();
            for (int i = 0; i < Loads; i++)
            {
                double ms = RenderTimes.Parse(await page.GotoAsync(path));
                samples.Add(ms);
                node.RenderTimes.Add(name, ms);
            }

            double median = samples.Order().ElementAt(samples.Count / 2);
            if (median >= BudgetMs)
            {
                failures.Add($"{name} ({path}): median {median:0.0} ms");
            }
        }

        Assert.True(failures.Count == 0, "Pages over the 300 ms budget: " + string.Join("; ", failures));
        await page.Context.CloseAsync();
    }
}
