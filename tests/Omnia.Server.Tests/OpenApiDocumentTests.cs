using System.Net;
using System.Text.Json;

namespace Omnia.Server.Tests;

/// <summary>The OpenAPI document at /openapi/v1.json tells a client generator who Omnia is and how each route authenticates.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        var response = await _node.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public void The_document_has_omnias_title_version_and_description()
    {
        var info = _document.GetProperty("info");

        Assert.Equal("Omnia", info.GetProperty("title").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", info.GetProperty("version").GetString());
        Assert.Contains("Authorization: Bearer", info.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_defines_the_admin_key_write_key_and_dashboard_cookie_schemes()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("http", schemes.GetProperty("adminKey").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("adminKey").GetProperty("scheme").GetString());
        Assert.Equal("http", schemes.GetProperty("writeKey").GetProperty("type").GetString());
        Assert.Equal("basic", schemes.GetProperty("writeKey").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("dashboardSession").GetProperty("type").GetString());
        Assert.Equal("cookie", schemes.GetProperty("dashboardSession").GetProperty("in").GetString());
        Assert.Equal("omnia.session", schemes.GetProperty("dashboardSession").GetProperty("name").GetString());
    }

    [Fact]
    public void Every_admin_route_takes_the_bearer_key_or_the_cookie_and_the_segment_api_takes_the_write_key()
    {
        var admin = Operations().Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        var segment = Operations().Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal) && o.Method == "post").ToList();

        Assert.Contains(admin, o => o.Path == "/api/v1/workspaces/{workspace}/profiles/lookup");
        Assert.All(admin, o => Assert.Equal(["adminKey", "dashboardSession"], Schemes(o.Operation)));
        Assert.Contains(segment, o => o.Path == "/v1/batch");
        Assert.All(segment, o => Assert.Equal(["writeKey"], Schemes(o.Operation)));
        Assert.Empty(Schemes(Operations().Single(o => o.Path == "/health").Operation));
    }

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)));

    // Each entry of "security" is one way to authenticate (alternatives), naming one scheme here.
    private static List<string> Schemes(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(s => s.Name)).ToList()
            : [];
}
