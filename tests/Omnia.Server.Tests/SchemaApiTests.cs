using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The schema catalog the visual editors' pickers use: names and value types from the event log and from saved definitions.</summary>
public sealed class SchemaApiTests : IAsyncLifetime
{
    private const string Schema = "/api/v1/workspaces/default/schema";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task The_schema_lists_events_properties_and_traits_with_their_value_types_and_examples()
    {
        await _node.SendAsync("/v1/track", """{"userId":"a","event":"Product Added","properties":{"cart_id":"c1","price":59.9,"on_sale":true,"tags":["new"]}}""");
        await _node.SendAsync("/v1/track", """{"userId":"b","event":"Product Added","properties":{"cart_id":"c2","price":12}}""");
        await _node.SendAsync("/v1/page", """{"userId":"a","name":"Pricing","properties":{"path":"/pricing"}}""");
        await _node.SendAsync("/v1/identify", """{"userId":"a","traits":{"email":"ada@example.com","plan":"gold","signup":"2025-01-31"}}""");

        var schema = await _node.GetJsonAsync(Schema);

        var events = schema.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        var added = events["Product Added"];
        Assert.Equal(2, added.GetProperty("count").GetInt64());
        Assert.Equal(["track"], Strings(added.GetProperty("types")));
        var properties = added.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["number"], Strings(properties["price"].GetProperty("types")));
        Assert.Equal(["boolean"], Strings(properties["on_sale"].GetProperty("types")));
        Assert.Equal(["array"], Strings(properties["tags"].GetProperty("types")));
        Assert.Equal(["c1", "c2"], Strings(properties["cart_id"].GetProperty("examples")).Order());
        Assert.Equal(["page"], Strings(events["Pricing"].GetProperty("types")));
        var traits = schema.GetProperty("traits").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["gold"], Strings(traits["plan"].GetProperty("examples")));
        Assert.True(traits["signup"].GetProperty("isoDates").GetBoolean());
        var sample = schema.GetProperty("sample");
        Assert.Equal(4, sample.GetProperty("events").GetInt32());
        Assert.Equal(50_000, sample.GetProperty("limit").GetInt32());
        Assert.True(sample.GetProperty("complete").GetBoolean());

        Assert.Equal(["awareness", "consideration", "conversion", "loyalty", "advocacy"], Strings(schema.GetProperty("lifecycleStages")));
        Assert.Contains(schema.GetProperty("channels").EnumerateArray(), c => c.GetProperty("code").GetString() == "email" && c.GetProperty("name").GetString() == "Email");
        var orderCount = schema.GetProperty("computedTraits").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "orderCount");
        Assert.Equal("number", orderCount.GetProperty("kind").GetString());
        Assert.Contains("gte", Strings(orderCount.GetProperty("operators")));
        Assert.DoesNotContain("withinLast", Strings(orderCount.GetProperty("operators")));
    }

    [Fact]
    public async Task Names_used_by_saved_definitions_appear_at_once_even_when_no_event_carries_them()
    {
        await _node.SendAsync("/v1/track", """{"userId":"a","event":"Product Added","properties":{"cart_id":"c1"}}""");
        var before = await _node.GetJsonAsync(Schema);
        Assert.DoesNotContain(before.GetProperty("events").EnumerateArray(), e => e.GetProperty("name").GetString() == "Refund Issued");
        // The lifecycle rules name their events from the start.
        var reviewed = before.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Product Reviewed");
        Assert.Equal(0, reviewed.GetProperty("count").GetInt64());
        Assert.True(reviewed.GetProperty("inDefinitions").GetBoolean());

        var trait = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/computed-traits/refunded",
            """{"version":1,"name":"refunded","event":{"name":"Refund Issued"},"fn":"sum","property":"amount"}""");
        Assert.Equal(HttpStatusCode.OK, trait.StatusCode);
        var segment = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/refunders",
            """{"version":1,"name":"Refunders","condition":{"and":[{"computed":{"name":"refunded","op":"gt","value":0}},{"trait":{"name":"vip","op":"equals","value":true}}]}}""");
        Assert.Equal(HttpStatusCode.Created, segment.StatusCode);

        var after = await _node.GetJsonAsync(Schema);

        var refund = after.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Refund Issued");
        Assert.Equal(0, refund.GetProperty("count").GetInt64());
        Assert.Equal(["number"], Strings(refund.GetProperty("properties")[0].GetProperty("types")));
        var vip = after.GetProperty("traits").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "vip");
        Assert.Equal(["boolean"], Strings(vip.GetProperty("types")));
        Assert.Equal("refunders", Assert.Single(after.GetProperty("segments").EnumerateArray()).GetProperty("slug").GetString());
        var refunded = after.GetProperty("computedTraits").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "refunded");
        Assert.False(refunded.GetProperty("builtIn").GetBoolean());
        Assert.Equal("number", refunded.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_schema_needs_a_key_that_can_see_the_workspace_and_is_in_the_openapi_document()
    {
        await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces", new { slug = "other" });
        var key = JsonDocument.Parse(await (await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/keys", new { name = "viewer", role = "viewer" })).Content.ReadAsStringAsync()).RootElement;
        string viewer = key.GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.AdminAsync(HttpMethod.Get, Schema, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, Schema, key: viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/other/schema", key: viewer)).StatusCode);

        var openApi = JsonDocument.Parse(await _node.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/workspaces/{workspace}/schema", out var path));
        Assert.Contains("50,000", path.GetProperty("get").GetProperty("summary").GetString());
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
