using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests.Journeys;

/// <summary>Journeys through the admin API: drafts kept even when invalid, publishing, status, versions, counts, dry runs.</summary>
public sealed class JourneysApiTests : IAsyncLifetime
{
    private const string Journeys = "/api/v1/workspaces/default/journeys";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    internal const string Reminder = """
        {"version":1,"name":"Cart reminder","campaign":"abandoned-cart",
         "email":{"subject":"You left something behind","text":"Your cart: https://shop.example.com/cart"}}
        """;

    internal const string AbandonedCart = """
        {"version":1,"name":"Abandoned cart","trigger":{"event":{"name":"Product Added","key":"cart_id"}},"entry":{"rule":"once"},
         "goal":{"event":{"name":"Order Completed"},"matchKey":"cart_id","within":"7d"},
         "start":"wait-for-order",
         "nodes":[{"id":"wait-for-order","type":"waitForEvent","event":{"name":"Order Completed"},"matchKey":"cart_id","timeout":"1h","onEvent":"done","onTimeout":"reminder"},
                  {"id":"reminder","type":"send","content":"cart-reminder","channel":"email","next":"done"},
                  {"id":"done","type":"exit"}]}
        """;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<HttpResponseMessage> PutAsync(string path, string json) => await _node.AdminTextAsync(HttpMethod.Put, path, json);

    private async Task<HttpResponseMessage> PostAsync(string path, string json = "") => await _node.AdminTextAsync(HttpMethod.Post, path, json);

    [Fact]
    public async Task A_draft_with_a_lone_surrogate_escape_is_refused_with_what_to_remove_and_the_journey_list_still_reads()
    {
        using var put = await PutAsync("/api/v1/workspaces/default/journeys/broken-text", """{"version":1,"name":"x\udc00y"}""");
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var refusal = await put.Content.ReadAsStringAsync();
        Assert.True(refusal.Contains("surrogate", StringComparison.Ordinal), refusal);
        using var list = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/journeys");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task An_invalid_draft_is_saved_with_its_problems_and_publishing_it_is_refused_with_each_path()
    {
        string broken = AbandonedCart.Replace("\"onTimeout\":\"reminder\"", "\"onTimeout\":\"remindr\"");
        var saved = await PutAsync($"{Journeys}/abandoned-cart", broken);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var view = await Json(saved);
        Assert.Equal("Abandoned cart", view.GetProperty("name").GetString());
        Assert.Equal("draft", view.GetProperty("status").GetString());
        var errors = view.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("nodes[0].onTimeout: 'remindr' is not a node id", StringComparison.Ordinal));

        var publish = await PostAsync($"{Journeys}/abandoned-cart/publish");
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        var problem = await Json(publish);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("nodes[0].onTimeout:", StringComparison.Ordinal));

        // The broken draft came back as it was saved, so the builder loses no work.
        var again = await _node.GetJsonAsync($"{Journeys}/abandoned-cart");
        Assert.Equal("remindr", again.GetProperty("draft").GetProperty("nodes")[0].GetProperty("onTimeout").GetString());
        Assert.Equal(0, again.GetProperty("liveVersion").GetInt32());

        // Fixed, it still names content that does not exist yet: that is a problem too, at its path.
        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart);
        var missing = await Json(await PostAsync($"{Journeys}/abandoned-cart/publish"));
        Assert.Equal("nodes[1].content: there is no content 'cart-reminder' in this workspace; write it under Content first or pick another",
            Assert.Single(missing.GetProperty("errors").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Publishing_makes_versions_and_pause_resume_and_archive_change_the_status()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutAsync("/api/v1/workspaces/default/content/cart-reminder", Reminder)).StatusCode);
        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart);

        var first = await Json(await PostAsync($"{Journeys}/abandoned-cart/publish"));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        var list = await _node.GetJsonAsync(Journeys);
        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal(("live", 1), (item.GetProperty("status").GetString(), item.GetProperty("liveVersion").GetInt32()));
        Assert.False((await _node.GetJsonAsync($"{Journeys}/abandoned-cart")).GetProperty("unpublishedChanges").GetBoolean());

        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart.Replace("\"1h\"", "\"2h\""));
        Assert.True((await _node.GetJsonAsync($"{Journeys}/abandoned-cart")).GetProperty("unpublishedChanges").GetBoolean());
        Assert.Equal(2, (await Json(await PostAsync($"{Journeys}/abandoned-cart/publish"))).GetProperty("version").GetInt32());
        var versions = (await _node.GetJsonAsync($"{Journeys}/abandoned-cart/versions")).EnumerateArray().ToList();
        Assert.Equal(new[] { 2, 1 }, versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("2h", versions[0].GetProperty("definition").GetProperty("nodes")[0].GetProperty("timeout").GetString());
        Assert.Equal("1h", versions[1].GetProperty("definition").GetProperty("nodes")[0].GetProperty("timeout").GetString());

        Assert.Equal("paused", (await Json(await PostAsync($"{Journeys}/abandoned-cart/pause"))).GetProperty("status").GetString());
        Assert.Equal("live", (await Json(await PostAsync($"{Journeys}/abandoned-cart/resume"))).GetProperty("status").GetString());
        Assert.Equal("archived", (await Json(await PostAsync($"{Journeys}/abandoned-cart/archive"))).GetProperty("status").GetString());
        Assert.Empty((await _node.GetJsonAsync(Journeys)).EnumerateArray());
        Assert.Single((await _node.GetJsonAsync($"{Journeys}?archived=true")).EnumerateArray());
        var resume = await PostAsync($"{Journeys}/abandoned-cart/resume");
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Contains("publish it again", await resume.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validate_checks_a_definition_without_saving_it()
    {
        var ok = await Json(await PostAsync($"{Journeys}/validate", AbandonedCart.Replace("\"content\":\"cart-reminder\"", "\"content\":\"nowhere\"")));
        Assert.False(ok.GetProperty("valid").GetBoolean());
        Assert.Equal("nodes[1].content: there is no content 'nowhere' in this workspace; write it under Content first or pick another",
            Assert.Single(ok.GetProperty("errors").EnumerateArray()).GetString());
        Assert.Empty((await _node.GetJsonAsync(Journeys)).EnumerateArray());
    }

    [Theory]
    [InlineData("PUT", "/abandoned-cart", "not json", "is not JSON")]
    [InlineData("PUT", "/abandoned-cart", "[1,2]", "must be a JSON object")]
    [InlineData("PUT", "/Bad_Slug", "{}", "is not a journey slug")]
    [InlineData("POST", "/nowhere/publish", "", "There is no journey 'nowhere'")]
    [InlineData("POST", "/nowhere/dry-run?days=7", "", "There is no journey 'nowhere'")]
    [InlineData("POST", "/abandoned-cart/dry-run?days=0", "", "'days' must be between 1 and 365")]
    [InlineData("POST", "/abandoned-cart/dry-run?profile=me", "", "'profile' must be a profile id")]
    [InlineData("POST", "/abandoned-cart/pause", "", "never been published")]
    public async Task Bad_input_is_a_4xx_problem_that_says_what_to_fix(string method, string path, string body, string expected)
    {
        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart);
        var response = await _node.AdminTextAsync(new HttpMethod(method), Journeys + path, body);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_viewer_reads_journeys_but_cannot_change_them()
    {
        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart);
        var key = await Json(await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/keys", new { name = "tv", role = "viewer" }));
        string secret = key.GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, Journeys, key: secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _node.AdminAsync(HttpMethod.Get, $"{Journeys}/abandoned-cart/counts", key: secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _node.AdminAsync(HttpMethod.Post, $"{Journeys}/abandoned-cart/publish", key: secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _node.AdminAsync(HttpMethod.Put, $"{Journeys}/abandoned-cart", new { version = 1 }, key: secret)).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_shows_whom_the_journey_would_have_emailed_and_sends_nothing()
    {
        await PutAsync("/api/v1/workspaces/default/content/cart-reminder", Reminder);
        await PutAsync($"{Journeys}/abandoned-cart", AbandonedCart);
        var now = DateTimeOffset.UtcNow;
        string At(TimeSpan ago) => (now - ago).ToString("O");
        await _node.SendAsync("/v1/track", $$$"""{"userId":"forgot","event":"Product Added","timestamp":"{{{At(TimeSpan.FromHours(5))}}}","properties":{"cart_id":"c1"}}""");
        await _node.SendAsync("/v1/track", $$$"""{"userId":"bought","event":"Product Added","timestamp":"{{{At(TimeSpan.FromHours(5))}}}","properties":{"cart_id":"c2"}}""");
        await _node.SendAsync("/v1/track", $$$"""{"userId":"bought","event":"Order Completed","timestamp":"{{{At(TimeSpan.FromHours(4.5))}}}","properties":{"cart_id":"c2"}}""");
        await _node.AudiencesCaughtUpAsync();

        var report = await Json(await PostAsync($"{Journeys}/abandoned-cart/dry-run?days=1"));
        Assert.Equal(2, report.GetProperty("entered").GetInt32());
        var message = Assert.Single(report.GetProperty("messages").EnumerateArray());
        var forgot = await _node.ProfileAsync("userId", "forgot");
        Assert.Equal(forgot.GetProperty("id").GetString(), message.GetProperty("profileId").GetString());
        Assert.Equal(("cart-reminder", "email", "c1"), (message.GetProperty("content").GetString(), message.GetProperty("channel").GetString(), message.GetProperty("entryKey").GetString()));
        Assert.Equal(1, report.GetProperty("converted").GetInt32());

        var one = await Json(await PostAsync($"{Journeys}/abandoned-cart/dry-run?profile={forgot.GetProperty("id").GetString()}"));
        Assert.Equal(1, one.GetProperty("profiles").GetInt32());
        Assert.Single(one.GetProperty("messages").EnumerateArray());
        Assert.Equal(0, (await _node.GetJsonAsync($"{Journeys}/abandoned-cart/counts")).GetProperty("entered").GetInt64());
    }
    [Fact]
    public async Task Counts_follow_entries_per_step_and_per_variant_with_uplift_over_the_control_group()
    {
        await PutAsync($"{Journeys}/holdout", """
            {"version":1,"name":"Holdout","trigger":{"event":{"name":"Joined"}},"entry":{"rule":"once"},
             "goal":{"event":{"name":"Order Completed"},"within":"7d"},
             "start":"ab","nodes":[{"id":"ab","type":"split","variants":[{"name":"a","weight":50,"next":"done"}],"control":50},{"id":"done","type":"exit"}]}
            """);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"{Journeys}/holdout/publish")).StatusCode);
        for (int i = 0; i < 40; i++)
            await _node.SendAsync("/v1/track", $$"""{"userId":"p{{i}}","event":"Joined"}""");
        for (int i = 0; i < 40; i += 4)
            await _node.SendAsync("/v1/track", $$$"""{"userId":"p{{{i}}}","event":"Order Completed","properties":{"revenue":10}}""");
        await _node.AudiencesCaughtUpAsync();

        var counts = await _node.GetJsonAsync($"{Journeys}/holdout/counts");
        Assert.Equal((40, 10), (counts.GetProperty("entered").GetInt64(), counts.GetProperty("converted").GetInt64()));
        Assert.Equal(40, counts.GetProperty("steps").GetProperty("ab").GetInt64());
        var variants = counts.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!);
        Assert.Equal(new[] { "a", "control" }, variants.Keys.Order());
        var (a, control) = (variants["a"], variants["control"]);
        Assert.Equal(40, a.GetProperty("assigned").GetInt64() + control.GetProperty("assigned").GetInt64());
        Assert.Equal(10, a.GetProperty("converted").GetInt64() + control.GetProperty("converted").GetInt64());
        double Rate(JsonElement v) => (double)v.GetProperty("converted").GetInt64() / v.GetProperty("assigned").GetInt64();
        var uplift = a.GetProperty("uplift");
        Assert.Equal(Rate(a) - Rate(control), uplift.GetProperty("absolute").GetDouble(), 9);
        Assert.True(uplift.GetProperty("absoluteLow").GetDouble() < uplift.GetProperty("absolute").GetDouble());
        Assert.False(control.TryGetProperty("uplift", out _));

        var listed = Assert.Single((await _node.GetJsonAsync(Journeys)).EnumerateArray());
        Assert.Equal((40, 10), (listed.GetProperty("entered").GetInt64(), listed.GetProperty("converted").GetInt64()));
    }
}
