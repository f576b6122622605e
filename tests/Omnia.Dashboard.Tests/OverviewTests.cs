using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardNode node)
{
    [Fact]
    public async Task The_overview_shows_the_same_figures_as_the_api_a_channel_chart_and_top_channels()
    {
        var stats = await AdminGetAsync("/api/v1/workspaces/default/stats/overview?days=30");
        var page = await node.SignedInPageAsync();

        var tiles = page.Locator(".tiles");
        await Assertions.Expect(tiles).ToHaveAttributeAsync("aria-busy", "false");
        string profiles = stats.GetProperty("profiles").GetInt64().ToString("#,0", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#tile-profiles [data-value]")).ToHaveTextAsync(profiles);
        Assert.True(stats.GetProperty("profiles").GetInt64() >= 300, "The demo has 300 customers, each with a profile.");
        await Assertions.Expect(page.Locator("#tile-events-today [data-value]"))
            .ToHaveTextAsync(stats.GetProperty("eventsToday").GetInt64().ToString("#,0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#tile-identified [data-value]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,3}%$"));

        await Assertions.Expect(page.Locator(".chart-box")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.Locator("canvas#channel-chart")).ToBeVisibleAsync();
        int datasets = await page.EvaluateAsync<int>("() => Chart.getChart('channel-chart').data.datasets.length");
        int bars = await page.EvaluateAsync<int>("() => Chart.getChart('channel-chart').data.labels.length");
        Assert.True(datasets >= 3, $"The chart shows {datasets} channels; the demo uses many.");
        Assert.Equal(30, bars);

        var top = page.Locator("#top-channels .top-channel");
        Assert.True(await top.CountAsync() >= 3);
        string firstChannel = stats.GetProperty("topChannels")[0].GetProperty("name").GetString()!;
        await Assertions.Expect(top.First.Locator(".channel")).ToHaveTextAsync(firstChannel);

        await page.GetByText("Show the numbers as a table").ClickAsync();
        await Assertions.Expect(page.Locator("#chart-table tbody tr")).ToHaveCountAsync(30);
        await page.GetByText("Show the numbers as a table").ClickAsync();
        await Assertions.Expect(page.Locator("#stream .stream-item").First).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "03-overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_live_stream_shows_a_new_event_within_seconds()
    {
        var page = await node.SignedInPageAsync();
        await Assertions.Expect(page.Locator("#stream .stream-item").First).ToBeVisibleAsync();
        string name = $"Dashboard Stream Check {Guid.NewGuid():N}"[..32];

        await node.SendAsync("/v1/track", $$$"""{"userId":"stream-tester","event":"{{{name}}}","properties":{"revenue":1},"context":{"channel":"sms"}}""");

        var item = page.Locator("#stream .stream-item", new() { HasText = name });
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(item.Locator(".channel")).ToHaveTextAsync("SMS");
        await Assertions.Expect(page.Locator("#stream .stream-item").First).ToContainTextAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Context.CloseAsync();
    }

    private async Task<JsonElement> AdminGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardNode.AdminKey);
        using var response = await node.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
