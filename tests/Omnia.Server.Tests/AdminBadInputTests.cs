using System.Net;
using System.Text;

namespace Omnia.Server.Tests;

/// <summary>Issue 11: classes of 500 the fuzzer (Fuzz/FuzzTests) found in the admin API, the dashboard and CORS.</summary>
public sealed class AdminBadInputTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("/segments/lone", """{"version":1,"name":"Lone","condition":{"trait":{"name":"plan","op":"equals","value":"\ud800"}}}""", "$.condition.trait.value")]
    [InlineData("/segments/lone", """{"version":1,"name":"Lone","condition":{"trait":{"name":"\udc00","op":"exists"}}}""", "$.condition.trait.name")]
    [InlineData("/segments/lone", "\"\\ud800\\ud800\"", "$")]
    [InlineData("/computed-traits/lone_trait", """{"version":1,"name":"lone_trait","event":{"name":"\udc00"},"fn":"count"}""", "$.event.name")]
    [InlineData("/lifecycle-rules", """{"version":1,"rules":[{"stage":"\udc00","condition":{"trait":{"name":"a","op":"exists"}}}]}""", "$.rules[0].stage")]
    public async Task Bug_11_a_definition_holding_an_escaped_lone_surrogate_is_a_400_naming_where(string path, string json, string where)
    {
        var response = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default" + path, json);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", body);
        Assert.Contains(where, body);
    }

    [Fact]
    public async Task Bug_11_a_draft_with_a_lone_surrogate_is_a_400_on_estimate_too()
    {
        var response = await _node.AdminTextAsync(HttpMethod.Post, "/api/v1/workspaces/default/segments/estimate",
            """{"version":1,"name":"Lone","condition":{"event":{"name":"E","where":["\udc00"]}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Bug_11_an_origin_header_that_is_not_ascii_is_not_echoed_and_is_no_500()
    {
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = _node.Client.BaseAddress };
        var post = new HttpRequestMessage(HttpMethod.Post, "/v1/t")
        {
            Content = new StringContent($$"""{"writeKey":"{{TestNode.WriteKey}}","userId":"u","event":"E"}""", Encoding.UTF8, "text/plain"),
        };
        post.Headers.TryAddWithoutValidation("Origin", "https://shöp.example\ufeff");
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/t");
        preflight.Headers.TryAddWithoutValidation("Origin", "https://😀.example");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");

        var posted = await client.SendAsync(post);
        var preflighted = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.False(posted.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.NoContent, preflighted.StatusCode);
    }

    [Theory]
    [InlineData("/w/default/segments/buyers?after=abc")]
    [InlineData("/w/default/segments/buyers?after=%2F")]
    [InlineData("/w/default/profiles/{id}?before=-")]
    [InlineData("/w/default/profiles/{id}?before=99999999999999999999999")]
    [InlineData("/w/default/personas?trained=maybe")]
    public async Task Bug_11_a_dashboard_query_value_that_does_not_parse_is_ignored_not_a_500(string page)
    {
        await _node.SendAsync("/v1/track", """{"userId":"query-user","event":"Order Completed","properties":{"revenue":5}}""");
        string id = (await _node.ProfileAsync("userId", "query-user")).GetProperty("id").GetString()!;
        var saved = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/buyers",
            """{"version":1,"name":"Buyers","condition":{"event":{"name":"Order Completed"}}}""");
        Assert.True(saved.IsSuccessStatusCode);
        using var dashboard = await DashboardHttp.SignInAsync(_node);

        var response = await dashboard.Client.GetAsync(page.Replace("{id}", id, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
