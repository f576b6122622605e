using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The Segment API as browsers reach it: CORS, analytics.js's short routes and settings, RudderStack's headers.</summary>
public sealed class BrowserIngestionTests : IAsyncLifetime
{
    private const string Shop = "http://shop.example.test:8080";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string Basic(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));

    private async Task<HttpResponseMessage> PostTextAsync(string path, string body, string? origin = Shop, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        configure?.Invoke(request);
        return await _node.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_preflight_from_a_shop_is_answered_with_the_methods_and_the_headers_it_asked_for()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/t");
        request.Headers.Add("Origin", Shop);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,anonymousid,sentat");
        var response = await _node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("authorization,content-type,anonymousid,sentat", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.True(int.Parse(response.Headers.GetValues("Access-Control-Max-Age").Single()) >= 600);
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/v1/t", """{"userId":"short-t","event":"Viewed"}""")]
    [InlineData("/v1/i", """{"userId":"short-i","traits":{"name":"Ida"}}""")]
    [InlineData("/v1/p", """{"userId":"short-p","name":"Home"}""")]
    [InlineData("/v1/s", """{"userId":"short-s","name":"Home"}""")]
    [InlineData("/v1/g", """{"userId":"short-g","groupId":"g1"}""")]
    [InlineData("/v1/a", """{"userId":"short-a","previousId":"anon-a"}""")]
    [InlineData("/v1/b", """{"batch":[{"type":"track","userId":"short-b","event":"Viewed"}]}""")]
    public async Task Analytics_js_short_routes_take_text_plain_json_with_the_write_key_in_the_body(string path, string body)
    {
        string withKey = body.Insert(1, $"\"writeKey\":\"{TestNode.WriteKey}\",");
        var response = await PostTextAsync(path, withKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wk_nobody", HttpStatusCode.Unauthorized)]
    [InlineData(TestNode.WriteKey, HttpStatusCode.BadRequest)]
    public async Task Errors_carry_the_allow_origin_header_too_so_the_page_can_read_them(string? key, HttpStatusCode expected)
    {
        var response = await PostTextAsync("/v1/t", """{"event":""}""", configure: r =>
        {
            if (key is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(key));
            }
        });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_with_the_allow_origin_header()
    {
        string big = new('x', 40 * 1024);
        var response = await PostTextAsync("/v1/t", $$$"""{"writeKey":"{{{TestNode.WriteKey}}}","userId":"big","event":"E","properties":{"b":"{{{big}}}"}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Metrics_of_analytics_js_are_accepted_and_dropped()
    {
        var response = await PostTextAsync("/v1/m", """{"series":[{"type":"Counter","metric":"analytics_js.invoke","value":1,"tags":{}}]}""");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_settings_analytics_js_loads_point_its_events_back_at_this_server()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/projects/{TestNode.WriteKey}/settings");
        request.Headers.Add("Origin", Shop);
        var response = await _node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Shop, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var segment = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("integrations").GetProperty("Segment.io");
        Assert.Equal(TestNode.WriteKey, segment.GetProperty("apiKey").GetString());
        Assert.Equal($"{_node.Client.BaseAddress!.Authority}/v1", segment.GetProperty("apiHost").GetString());
        Assert.Equal("http", segment.GetProperty("protocol").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.Client.GetAsync("/v1/projects/wk_nobody/settings")).StatusCode);
    }

    [Fact]
    public async Task Rudderstack_events_keep_their_original_timestamp_corrected_for_the_device_clock()
    {
        // The device clock is an hour slow; the event happened 6 s before it was sent (a default flush).
        var deviceNow = DateTimeOffset.UtcNow.AddHours(-1);
        string original = deviceNow.AddSeconds(-6).ToString("O");
        string sentAt = deviceNow.ToString("O");
        var before = DateTimeOffset.UtcNow;
        var response = await PostTextAsync("/v1/track", $$"""{"type":"track","anonymousId":"rs-time","event":"Viewed","originalTimestamp":"{{original}}","sentAt":"{{sentAt}}","channel":"web"}""",
            configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(TestNode.WriteKey)));
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await _node.ProfileAsync("anonymousId", "rs-time");
        var seen = profile.GetProperty("computedTraits").GetProperty("firstSeen").GetDateTimeOffset();
        Assert.InRange(seen, before.AddSeconds(-6.5), after.AddSeconds(-5.5));
    }

    [Fact]
    public async Task The_sent_at_header_corrects_the_clock_when_the_body_has_none()
    {
        var deviceNow = DateTimeOffset.UtcNow.AddDays(-2);
        var before = DateTimeOffset.UtcNow;
        var response = await PostTextAsync("/v1/track", $$"""{"anonymousId":"rs-header","event":"Viewed","originalTimestamp":"{{deviceNow.AddSeconds(-30):O}}"}""", configure: r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(TestNode.WriteKey));
            r.Headers.Add("SentAt", deviceNow.ToString("O"));
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await _node.ProfileAsync("anonymousId", "rs-header")).GetProperty("computedTraits").GetProperty("firstSeen").GetDateTimeOffset();
        Assert.InRange(seen, before.AddSeconds(-31), DateTimeOffset.UtcNow.AddSeconds(-29));
    }

    [Fact]
    public async Task An_identify_with_traits_only_in_context_traits_gives_the_profile_those_traits_and_its_own_traits_win()
    {
        var response = await PostTextAsync("/v1/identify", """
            {"type":"identify","userId":"rs-user","anonymousId":"rs-anon",
             "context":{"traits":{"email":"RS@Example.com","name":"From Context","plan":"free"}},
             "traits":{"plan":"pro"}}
            """, configure: r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(TestNode.WriteKey));
            r.Headers.Add("AnonymousId", Convert.ToBase64String(Encoding.UTF8.GetBytes("rs-anon")));
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await _node.ProfileAsync("email", "rs@example.com");
        var traits = profile.GetProperty("traits");
        Assert.Equal("From Context", traits.GetProperty("name").GetString());
        Assert.Equal("pro", traits.GetProperty("plan").GetString());
        var identifiers = profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("value").GetString())).ToList();
        Assert.Contains(("userId", "rs-user"), identifiers);
        Assert.Contains(("anonymousId", "rs-anon"), identifiers);
    }

    [Fact]
    public async Task The_anonymous_id_header_identifies_an_event_that_carries_no_id_in_its_body()
    {
        var response = await PostTextAsync("/v1/track", """{"event":"Viewed"}""", configure: r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(TestNode.WriteKey));
            r.Headers.Add("AnonymousId", Convert.ToBase64String(Encoding.UTF8.GetBytes("rs-only-header")));
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await _node.ProfileAsync("anonymousId", "rs-only-header")).GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task A_source_with_allowed_origins_takes_browser_events_only_from_them_and_servers_always()
    {
        var created = await _node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/sources",
            new { name = "Shop", kind = "website", allowedOrigins = new[] { "HTTP://Shop.Example.Test:8080/" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        string key = json.GetProperty("writeKey").GetString()!;
        int id = json.GetProperty("source").GetProperty("id").GetInt32();
        Assert.Equal([Shop], json.GetProperty("source").GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));

        string body = $$"""{"writeKey":"{{key}}","anonymousId":"origin-test","event":"Viewed"}""";
        var fromShop = await PostTextAsync("/v1/t", body);
        var fromElsewhere = await PostTextAsync("/v1/t", body, origin: "https://evil.example");
        var fromServer = await PostTextAsync("/v1/t", body, origin: null);
        var settingsElsewhere = new HttpRequestMessage(HttpMethod.Get, $"/v1/projects/{key}/settings");
        settingsElsewhere.Headers.Add("Origin", "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, fromShop.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Contains("allowedOrigins", await fromElsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, fromServer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _node.Client.SendAsync(settingsElsewhere)).StatusCode);
        Assert.Equal(2, (await _node.ProfileAsync("anonymousId", "origin-test")).GetProperty("eventCount").GetInt32());

        // Emptied through the API: any origin again.
        var cleared = await _node.AdminAsync(HttpMethod.Patch, $"/api/v1/workspaces/default/sources/{id}", new { allowedOrigins = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTextAsync("/v1/t", body, origin: "https://evil.example")).StatusCode);

        var bad = await _node.AdminAsync(HttpMethod.Patch, $"/api/v1/workspaces/default/sources/{id}", new { allowedOrigins = new[] { "shop.example.test/path" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("scheme://host", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _node.AdminAsync(HttpMethod.Patch, "/api/v1/workspaces/default/sources/999", new { allowedOrigins = Array.Empty<string>() })).StatusCode);
    }
}
