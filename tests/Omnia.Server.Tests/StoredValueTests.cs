using System.Net;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>
/// Issue 11, beyond ingestion: odd values already in a store (written before today's checks) or given to the
/// admin API never make a page, a list or a recomputation answer 500.
/// </summary>
public sealed class StoredValueTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private async Task<string> ProfileIdAsync(string userId) =>
        (await _node.ProfileAsync("userId", userId)).GetProperty("id").GetString()!;

    [Theory]
    [InlineData("1e30")]
    [InlineData("-1e30")]
    [InlineData("1e400")]
    [InlineData("79228162514264337593543950335")]
    public async Task Bug_11_an_order_with_a_huge_revenue_in_an_old_store_leaves_the_persons_pages_working(string revenue)
    {
        string user = "huge-" + Guid.NewGuid().ToString("N")[..8];
        await LegacyEvents.AppendAsync(_node, $$"""{"type":"track","userId":"{{user}}","event":"Order Completed","properties":{"revenue":5,"total":6,"value":7,"products":[{"price":8,"quantity":9}]} }""",
            DateTimeOffset.UtcNow, json => json.Replace(":5,", $":{revenue},").Replace(":6,", $":{revenue},").Replace(":7,", $":{revenue},")
                .Replace("\"price\":8", $"\"price\":{revenue}").Replace("\"quantity\":9", $"\"quantity\":{revenue}"));
        await LegacyEvents.AppendAsync(_node, $$"""{"type":"track","userId":"{{user}}","event":"Order Completed","properties":{"revenue":5} }""",
            DateTimeOffset.UtcNow, json => json.Replace(":5}", $":{revenue}}}"));
        string id = await ProfileIdAsync(user);

        var api = await _node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/{id}");
        var timeline = await _node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/{id}/timeline");
        using var dashboard = await DashboardHttp.SignInAsync(_node);
        var page = await dashboard.Client.GetAsync($"/w/default/profiles/{id}");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Order Completed", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bug_11_an_order_dated_9999_in_an_old_store_does_not_break_rfm_calibration()
    {
        var far = new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await LegacyEvents.AppendAsync(_node, """{"type":"track","userId":"far-future","event":"Order Completed","timestamp":"9999-06-01T00:00:00Z","properties":{"revenue":10} }""", far);
        await LegacyEvents.AppendAsync(_node, """{"type":"track","userId":"refunded","event":"Order Completed","properties":{"revenue":-50} }""", DateTimeOffset.UtcNow);
        await _node.SendAsync("/v1/track", """{"userId":"normal","event":"Order Completed","properties":{"revenue":20}}""");
        await _node.CatchUpAsync();

        var calibrated = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/rfm-breakpoints/calibrate");
        string body = await calibrated.Content.ReadAsStringAsync();

        Assert.True(calibrated.StatusCode == HttpStatusCode.OK, body);
        var recency = JsonDocument.Parse(body).RootElement.GetProperty("recencyDays").EnumerateArray().Select(d => d.GetDouble()).ToList();
        Assert.All(recency, d => Assert.InRange(d, 0, 365 * 100));
    }

    private static string Nested(int levels)
    {
        string condition = """{"trait":{"name":"plan","op":"equals","value":"pro"}}""";
        for (int i = 1; i < levels; i++)
        {
            condition = i % 2 == 0 ? $$"""{"and":[{{condition}},{"trait":{"name":"level{{i}}","op":"exists"} }]}""" : $$"""{"or":[{{condition}}]}""";
        }

        return $$"""{"version":1,"name":"Deep","condition":{{condition}} }""";
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public async Task Bug_11_a_segment_nested_to_the_depth_limit_saves_and_the_segment_list_still_works(int levels)
    {
        var saved = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/deep", Nested(levels));
        Assert.True(saved.IsSuccessStatusCode, $"{(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");

        var list = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/segments");
        var one = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/segments/deep");
        var estimate = await _node.AdminTextAsync(HttpMethod.Post, "/api/v1/workspaces/default/segments/estimate", Nested(levels));
        using var dashboard = await DashboardHttp.SignInAsync(_node);
        var listPage = await dashboard.Client.GetAsync("/w/default/segments");
        var detailPage = await dashboard.Client.GetAsync("/w/default/segments/deep");
        var editPage = await dashboard.Client.GetAsync("/w/default/segments/deep/edit");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"deep\"", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, estimate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, detailPage.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, editPage.StatusCode);
    }

    [Fact]
    public async Task A_segment_nested_beyond_the_limit_is_a_400_that_says_so()
    {
        var saved = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/too-deep", Nested(40));

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("deeper than 32", await saved.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1000000000d")]
    [InlineData("99999999999999999999h")]
    [InlineData("2147483647m")]
    public async Task Bug_11_an_enormous_duration_is_a_400_on_estimate_and_save(string duration)
    {
        string definition = $$"""{"version":1,"name":"Long","condition":{"event":{"name":"Order Completed","window":{"last":"{{duration}}"} } } }""";
        string trait = $$"""{"version":1,"name":"Long","condition":{"trait":{"name":"signup","op":"withinLast","value":"{{duration}}"} } }""";

        foreach (var json in new[] { definition, trait })
        {
            var estimate = await _node.AdminTextAsync(HttpMethod.Post, "/api/v1/workspaces/default/segments/estimate", json);
            var save = await _node.AdminTextAsync(HttpMethod.Post, "/api/v1/workspaces/default/segments", json);

            Assert.Equal(HttpStatusCode.BadRequest, estimate.StatusCode);
            Assert.Contains("3650", await estimate.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        }
    }
}
