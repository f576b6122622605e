using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>GET /profiles/lookup with identifier types that are not the built-in ones.</summary>
public sealed class ProfileLookupTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Lookup_with_an_unknown_identifier_type_is_a_400_that_lists_the_valid_types()
    {
        await _node.SendAsync("/v1/identify", """{"userId":"u-typo","traits":{"email":"typo@example.com"}}""");
        await _node.CatchUpAsync();

        var response = await _node.LookupAsync("emial", "typo@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = (await Json(response)).GetProperty("detail").GetString()!;
        Assert.Contains("'emial'", detail, StringComparison.Ordinal);
        Assert.Contains("userId, anonymousId, email, phone, deviceId", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_external_id_type_is_listed_and_a_miss_on_it_stays_a_404()
    {
        var rules = await _node.GetJsonAsync("/api/v1/workspaces/default/settings/identity-rules");
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(rules.GetRawText())!;
        changed["externalIdTraits"] = JsonSerializer.SerializeToElement(new[] { "crm_id" });
        var put = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/settings/identity-rules", JsonSerializer.Serialize(changed));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var miss = await _node.LookupAsync("crm_id", "C-404");
        var unknown = await _node.LookupAsync("foo", "C-404");

        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("crm_id", (await Json(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_that_events_send_in_context_external_ids_still_finds_its_profile()
    {
        await _node.SendAsync("/v1/identify", """{"userId":"u-shop","context":{"externalIds":[{"type":"shopify_id","id":"S-77","collection":"users","encoding":"none"}]}}""");

        var profile = await _node.ProfileAsync("shopify_id", "S-77");

        Assert.Contains(profile.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("type").GetString() == "userId" && i.GetProperty("value").GetString() == "u-shop");
    }
}
