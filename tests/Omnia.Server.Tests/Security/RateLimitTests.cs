using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Workspaces;
using Omnia.Server.Security;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Every route of the admin API (from the OpenAPI document) and of the Segment API answers 429 with Retry-After
/// once its key is past its limit; the limit is per key, so another key is not affected. Limits are tiny here
/// (3 requests, then 1 a minute); the generous defaults are in README.
/// </summary>
public sealed partial class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 3;
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(configure: o => o with
    {
        Security = new SecurityOptions
        {
            Admin = new RateLimit(Burst, 1, TimeSpan.FromMinutes(1)),
            Ingestion = new RateLimit(Burst, 1, TimeSpan.FromMinutes(1)),
            SignInRequests = new RateLimit(Burst, 1, TimeSpan.FromMinutes(1)),
        },
    });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Every_admin_route_answers_429_with_retry_after_past_its_keys_limit()
    {
        var store = _node.App.Services.GetRequiredService<IWorkspaceStore>();
        var document = JsonDocument.Parse(await _node.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var failures = new List<string>();
        int routes = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                routes++;
                // A fresh key per route, so each route is shown to be limited on its own.
                string key = await Callers.KeyAsync(store, null, Role.Owner, "limit-" + routes);
                string url = RouteValue().Replace(path.Name, m => m.Groups["name"].Value == "workspace" ? "default" : "999999");
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                for (int i = 0; i < Burst; i++)
                {
                    using var allowed = await _node.Client.SendAsync(Callers.Request(method, url, key, method == HttpMethod.Get || method == HttpMethod.Delete ? null : "{}"));
                    if (allowed.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        failures.Add($"{method} {url} answered 429 within the limit (request {i + 1})");
                    }
                }

                using var limited = await _node.Client.SendAsync(Callers.Request(method, url, key, method == HttpMethod.Get || method == HttpMethod.Delete ? null : "{}"));
                if (limited.StatusCode != HttpStatusCode.TooManyRequests || !limited.Headers.Contains("Retry-After")
                    || limited.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{method} {url} answered {(int)limited.StatusCode} past the limit");
                }
            }
        }

        Assert.True(routes >= 40, $"Only {routes} admin routes.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var other = await _node.Client.SendAsync(Callers.Request(HttpMethod.Get, "/api/v1/workspaces", TestNode.AdminKey));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Every_segment_api_route_answers_429_with_retry_after_past_its_write_keys_limit()
    {
        var store = _node.App.Services.GetRequiredService<IWorkspaceStore>();
        var workspace = (await store.FindWorkspaceAsync("default"))!;
        var failures = new List<string>();
        foreach (var route in Fuzz.FuzzTargets.IngestionRoutes)
        {
            string key = SecretKeys.NewWriteKey();
            await store.CreateSourceAsync(workspace.Id, "limit " + route, "server", SecretKeys.Hash(key), SecretKeys.Prefix(key));
            for (int i = 0; i < Burst; i++)
            {
                using var allowed = await _node.SendAsync(route, """{"userId":"rl-1","event":"Limited","type":"track"}""", key);
                if (allowed.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    failures.Add($"{route} answered 429 within the limit");
                }
            }

            using var limited = await _node.SendAsync(route, """{"userId":"rl-1","event":"Limited","type":"track"}""", key);
            if (limited.StatusCode != HttpStatusCode.TooManyRequests || !limited.Headers.Contains("Retry-After"))
            {
                failures.Add($"{route} answered {(int)limited.StatusCode} past the limit");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await _node.SendAsync("/v1/track", """{"userId":"rl-2","event":"Other key"}""")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_answer_429_past_their_limit()
    {
        using var browser = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var form = Assert.Single(await browser.FormsAsync("/signin"));
        form.Fields["Form.Email"] = "someone@example.com";
        form.Fields["Form.Password"] = "not the password";
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i <= Burst; i++)
        {
            using var response = await browser.PostAsync(form);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
