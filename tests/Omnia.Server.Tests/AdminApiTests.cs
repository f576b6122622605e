using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>Workspaces, sources, keys, roles, settings and the profile lookup contract.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Health_reports_ready()
    {
        var response = await _node.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await Json(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Lookup_returns_the_contract_fields_and_404_for_unknown_identifiers()
    {
        await _node.SendAsync("/v1/identify", """{"userId":"look","anonymousId":"anon-look","traits":{"email":"look@example.com","plan":"pro"}}""");

        var profile = await _node.ProfileAsync("userId", "look");
        Assert.StartsWith("prf_", profile.GetProperty("id").GetString());
        var identifiers = profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("value").GetString())).ToList();
        Assert.Contains(("userId", "look"), identifiers);
        Assert.Contains(("anonymousId", "anon-look"), identifiers);
        Assert.Contains(("email", "look@example.com"), identifiers);
        Assert.Equal("pro", profile.GetProperty("traits").GetProperty("plan").GetString());
        Assert.Equal(1, profile.GetProperty("eventCount").GetInt32());
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("computedTraits").ValueKind);
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("consent").ValueKind);

        var missing = await _node.LookupAsync("userId", "nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Lookup_without_type_or_value_is_a_400_that_names_both()
    {
        var response = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Contains("'type'", text);
        Assert.Contains("'value'", text);
    }

    [Fact]
    public async Task The_admin_api_needs_a_valid_key()
    {
        var none = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=x", key: null);
        var wrong = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=x", key: "ak_wrong");
        var writeKeyAsAdmin = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces", key: TestNode.WriteKey);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, writeKeyAsAdmin.StatusCode);
    }

    [Fact]
    public async Task A_new_source_gets_a_write_key_that_ingests_into_its_workspace_only()
    {
        var created = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces", new { slug = "acme", name = "Acme Corp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var source = await Json(await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/acme/sources", new { name = "Website", kind = "web" }));
        string writeKey = source.GetProperty("writeKey").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _node.SendAsync("/v1/track", """{"userId":"acme-user","event":"E"}""", writeKey)).StatusCode);
        await _node.CatchUpAsync();

        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/acme/profiles/lookup?type=userId&value=acme-user")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _node.LookupAsync("userId", "acme-user")).StatusCode);
        var sources = await _node.GetJsonAsync("/api/v1/workspaces/acme/sources");
        Assert.DoesNotContain(writeKey, sources.ToString());
    }

    [Fact]
    public async Task Workspace_slugs_are_validated_and_unique()
    {
        var bad = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces", new { slug = "Not A Slug" });
        var duplicate = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces", new { slug = "default" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("lowercase", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_viewer_key_can_read_profiles_but_not_create_sources_or_see_other_workspaces()
    {
        await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces", new { slug = "other" });
        var key = await Json(await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/keys", new { name = "dashboard tv", role = "viewer" }));
        string secret = key.GetProperty("secret").GetString()!;
        await _node.SendAsync("/v1/track", """{"userId":"seen","event":"E"}""");
        await _node.CatchUpAsync();

        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=seen", key: secret)).StatusCode);
        var create = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/sources", new { name = "x" }, key: secret);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("owner", await create.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/other/sources", key: secret)).StatusCode);
    }

    [Fact]
    public async Task Bad_key_role_is_a_400_listing_the_roles()
    {
        var response = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/keys", new { name = "x", role = "god" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("owner, marketer, analyst, viewer", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_finds_people_by_email_prefix_and_name()
    {
        await _node.SendAsync("/v1/identify", """{"userId":"s1","traits":{"email":"grace.hopper@example.com","name":"Grace Hopper"}}""");
        await _node.SendAsync("/v1/identify", """{"userId":"s2","traits":{"email":"alan@example.com","name":"Alan Turing"}}""");
        await _node.CatchUpAsync();

        var byEmail = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?q=grace.h");
        var byName = await _node.GetJsonAsync("/api/v1/workspaces/default/profiles?q=Turing");

        Assert.Equal("Grace Hopper", Assert.Single(byEmail.GetProperty("profiles").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("alan@example.com", Assert.Single(byName.GetProperty("profiles").EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Custom_channel_rules_apply_to_new_events_and_bad_rules_are_refused()
    {
        var rules = await _node.GetJsonAsync("/api/v1/workspaces/default/settings/channel-rules");
        var bad = await _node.AdminAsync(HttpMethod.Put, "/api/v1/workspaces/default/settings/channel-rules",
            JsonDocument.Parse("""{"rules":[{"channel":"carrier_pigeon","mediums":["bird"]}]}""").RootElement);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("carrier_pigeon", await bad.Content.ReadAsStringAsync());

        var edited = System.Text.Json.Nodes.JsonNode.Parse(rules.GetRawText())!.AsObject();
        edited["rules"]!.AsArray().Insert(0, System.Text.Json.Nodes.JsonNode.Parse("""{"channel":"affiliate","mediums":["influencer"]}"""));
        var put = await _node.AdminAsync(HttpMethod.Put, "/api/v1/workspaces/default/settings/channel-rules", edited);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await _node.SendAsync("/v1/page", """{"anonymousId":"infl","context":{"campaign":{"source":"instagram","medium":"influencer"}}}""");
        var profile = await _node.ProfileAsync("anonymousId", "infl");
        Assert.Equal("affiliate", profile.GetProperty("computedTraits").GetProperty("acquisitionChannel").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_apis()
    {
        var response = await _node.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Json(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/batch", out _));
        Assert.True(paths.TryGetProperty("/api/v1/workspaces/{workspace}/profiles/lookup", out _));
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_json()
    {
        var response = await _node.Client.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
