using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Computed traits defined as data, lifecycle rules and personas through the API, and what the lookup shows of them.</summary>
public sealed class AudienceSettingsApiTests : IAsyncLifetime
{
    private const string Workspace = "/api/v1/workspaces/default";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private Task<HttpResponseMessage> TrackAsync(string userId, string name, string properties = "{}") =>
        _node.SendAsync("/v1/track", $$"""{"userId":"{{userId}}","event":"{{name}}","properties":{{properties}}}""");

    [Fact]
    public async Task A_computed_trait_defined_as_data_shows_on_the_profile_and_drives_a_segment()
    {
        var saved = await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/computed-traits/revenue90d", """
            {"version":1,"name":"revenue90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}
            """);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var segment = await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/segments/high-value", """
            {"version":1,"name":"High value","condition":{"computed":{"name":"revenue90d","op":"gte","value":500}}}
            """);
        Assert.Equal(HttpStatusCode.Created, segment.StatusCode);

        await TrackAsync("vip", "Order Completed", """{"revenue":300}""");
        await TrackAsync("vip", "Order Completed", """{"revenue":250}""");
        await TrackAsync("casual", "Order Completed", """{"revenue":40}""");
        await _node.AudiencesCaughtUpAsync();

        var vip = await _node.ProfileAsync("userId", "vip");
        Assert.Equal(550m, vip.GetProperty("computedTraits").GetProperty("revenue90d").GetDecimal());
        Assert.Equal(new[] { "High value" }, vip.GetProperty("segments").EnumerateArray().Select(s => s.GetString()!).ToList());
        Assert.Equal(JsonValueKind.Number, vip.GetProperty("computedTraits").GetProperty("daysSinceLastPurchase").ValueKind);
        Assert.Empty((await _node.ProfileAsync("userId", "casual")).GetProperty("segments").EnumerateArray());

        // A trait in use cannot be deleted; an unknown trait in a segment is a clear error.
        var delete = await _node.AdminAsync(HttpMethod.Delete, $"{Workspace}/computed-traits/revenue90d");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("high-value", await delete.Content.ReadAsStringAsync());
        var unknown = await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/segments/other", """
            {"version":1,"name":"Other","condition":{"computed":{"name":"revenue30d","op":"gte","value":1}}}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("revenue90d", await unknown.Content.ReadAsStringAsync());

        var bad = await _node.AdminTextAsync(HttpMethod.Post, $"{Workspace}/computed-traits", """{"version":1,"name":"x","event":{"name":"A"},"fn":"median","property":"p"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("fn", (await Json(bad)).GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Lifecycle_stages_follow_the_rules_and_the_rules_can_be_replaced()
    {
        await TrackAsync("looker", "Product Viewed");
        await TrackAsync("looker", "Product Viewed");
        await TrackAsync("buyer", "Order Completed", """{"revenue":20}""");
        await TrackAsync("fan", "Order Completed", """{"revenue":20}""");
        await TrackAsync("fan", "Product Reviewed", """{"rating":5}""");
        await _node.AudiencesCaughtUpAsync();

        Assert.Equal("consideration", (await _node.ProfileAsync("userId", "looker")).GetProperty("lifecycleStage").GetString());
        Assert.Equal("conversion", (await _node.ProfileAsync("userId", "buyer")).GetProperty("lifecycleStage").GetString());
        Assert.Equal("advocacy", (await _node.ProfileAsync("userId", "fan")).GetProperty("lifecycleStage").GetString());

        var rules = await _node.GetJsonAsync($"{Workspace}/lifecycle-rules");
        Assert.Equal(4, rules.GetProperty("rules").GetArrayLength());

        var bad = await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/lifecycle-rules", """{"version":1,"rules":[{"stage":"fandom","condition":{"event":{"name":"X"}}}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rules[0].stage", await bad.Content.ReadAsStringAsync());

        var replaced = await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/lifecycle-rules", """
            {"version":1,"rules":[{"stage":"conversion","condition":{"computed":{"name":"orderCount","op":"gte","value":1}}}]}
            """);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        await _node.AudiencesCaughtUpAsync();
        Assert.Equal("conversion", (await _node.ProfileAsync("userId", "fan")).GetProperty("lifecycleStage").GetString());
        Assert.Equal("awareness", (await _node.ProfileAsync("userId", "looker")).GetProperty("lifecycleStage").GetString());
        var distribution = (await _node.GetJsonAsync($"{Workspace}/lifecycle")).GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("profiles").GetInt64());
        Assert.Equal(2, distribution["conversion"]);
        Assert.Equal(1, distribution["awareness"]);
    }

    [Fact]
    public async Task Personas_are_trained_from_profiles_named_by_people_and_usable_in_segments()
    {
        Assert.Empty((await _node.GetJsonAsync($"{Workspace}/personas")).EnumerateArray());
        var tooFew = await _node.AdminAsync(HttpMethod.Post, $"{Workspace}/personas/train");
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);

        // Two planted kinds of customer: store regulars who buy a lot, and web browsers who never buy.
        for (int i = 0; i < 40; i++)
        {
            var page = new { url = "https://shop.example/", referrer = "https://www.google.com/" };
            object[] batch =
            [
                new { type = "track", userId = $"store{i}", @event = "Order Completed", properties = new { revenue = 200 + i }, context = new { channel = "store" } },
                new { type = "track", userId = $"store{i}", @event = "Order Completed", properties = new { revenue = 150 + i }, context = new { channel = "store" } },
                new { type = "page", anonymousId = $"web{i}", name = "Home", context = new { page } },
                new { type = "page", anonymousId = $"web{i}", name = "Shoes", context = new { page } },
            ];
            await _node.SendAsync("/v1/batch", JsonSerializer.Serialize(new { batch }));
        }

        await _node.AudiencesCaughtUpAsync();
        var trained = await _node.AdminAsync(HttpMethod.Post, $"{Workspace}/personas/train?k=2");
        Assert.Equal(HttpStatusCode.OK, trained.StatusCode);
        var personas = (await Json(trained)).EnumerateArray().ToList();
        Assert.Equal(2, personas.Count);
        await _node.AudiencesCaughtUpAsync();

        string storeKey = (await _node.ProfileAsync("userId", "store1")).GetProperty("persona").GetProperty("key").GetString()!;
        string webKey = (await _node.ProfileAsync("anonymousId", "web1")).GetProperty("persona").GetProperty("key").GetString()!;
        Assert.NotEqual(storeKey, webKey);
        Assert.Equal(storeKey, (await _node.ProfileAsync("userId", "store39")).GetProperty("persona").GetProperty("key").GetString());
        var listed = (await _node.GetJsonAsync($"{Workspace}/personas")).EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!);
        Assert.Equal(40, listed[storeKey].GetProperty("profiles").GetInt64());
        Assert.True(listed[storeKey].GetProperty("revenueShare").GetDouble() > 0.99);

        Assert.Equal(HttpStatusCode.NoContent, (await _node.AdminAsync(HttpMethod.Put, $"{Workspace}/personas/{storeKey}", new { name = "Store loyalists" })).StatusCode);
        Assert.Equal("Store loyalists", (await _node.ProfileAsync("userId", "store1")).GetProperty("persona").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Put, $"{Workspace}/personas/p9", new { name = "x" })).StatusCode);

        await _node.AdminTextAsync(HttpMethod.Put, $"{Workspace}/segments/store-persona", $$$"""{"version":1,"name":"Store persona","condition":{"persona":"{{{storeKey}}}"}}""");
        await _node.AudiencesCaughtUpAsync();
        Assert.Equal(40, (await _node.GetJsonAsync($"{Workspace}/segments/store-persona")).GetProperty("size").GetInt64());
    }
}
