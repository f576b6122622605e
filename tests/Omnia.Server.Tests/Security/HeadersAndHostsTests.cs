using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Server.Security;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Every dashboard response (every page, signed in or not, redirects, errors and assets) carries the security
/// headers; a forged Host header never reaches a Location header; with allowed hosts set, other hosts get 400.
/// </summary>
public sealed partial class HeadersAndHostsTests : IAsyncLifetime
{
    private const string ForgedHost = "evil.example";
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Every_dashboard_response_has_the_security_headers()
    {
        using var signedIn = await DashboardHttp.SignInAsync(_node);
        using var anonymous = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var urls = Pages().Concat(["/", "/signin", "/assets/dashboard.css", "/assets/overview.js", "/w/nowhere", "/no-such-page", "/invite/none"]).ToList();
        var failures = new List<string>();
        foreach (var browser in new[] { signedIn, anonymous })
        {
            foreach (var url in urls)
            {
                using var response = await browser.Client.GetAsync(url);
                failures.AddRange(Missing(response).Select(m => $"GET {url} ({(int)response.StatusCode}) lacks {m}"));
            }
        }

        var signOut = (await signedIn.FormsAsync("/w/default")).Single(f => f.Action == "/signout");
        using (var posted = await signedIn.PostAsync(signOut))
        {
            failures.AddRange(Missing(posted).Select(m => $"POST /signout lacks {m}"));
        }

        Assert.True(urls.Count >= 20);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_content_security_policy_allows_no_inline_script_and_no_framing()
    {
        using var response = await _node.Client.GetAsync("/signin");
        string csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline';", csp.Split("style-src-attr")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task No_page_holds_an_inline_script_or_event_handler()
    {
        using var signedIn = await DashboardHttp.SignInAsync(_node);
        var failures = new List<string>();
        foreach (var url in Pages().Append("/signin"))
        {
            string html = await (await signedIn.Client.GetAsync(url)).Content.ReadAsStringAsync();
            foreach (Match script in ScriptTag().Matches(html))
            {
                bool external = script.Groups["attributes"].Value.Contains("src=", StringComparison.Ordinal);
                bool data = script.Groups["attributes"].Value.Contains("application/json", StringComparison.Ordinal);
                if (!external && !data)
                {
                    failures.Add($"{url}: inline <script{script.Groups["attributes"].Value}>");
                }
            }

            failures.AddRange(EventHandler().Matches(html).Select(m => $"{url}: inline handler {m.Value}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_forged_host_never_reaches_a_location_header()
    {
        var failures = new List<string>();
        using var anonymous = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        foreach (var url in Pages().Concat(["/", "/w/default?x=1", "/no-workspace"]))
        {
            failures.AddRange(await ForgedLocationAsync(anonymous.Client, HttpMethod.Get, url, null));
        }

        // A successful sign-in redirects (Blazor builds it from the request's host); so does sign-out.
        using var browser = DashboardHttp.Anonymous(_node.Client.BaseAddress!);
        var form = Assert.Single(await browser.FormsAsync("/signin"));
        form.Fields["Form.Email"] = TestNode.OwnerEmail;
        form.Fields["Form.Password"] = TestNode.OwnerPassword;
        failures.AddRange(await ForgedLocationAsync(browser.Client, HttpMethod.Post, "/signin", new FormUrlEncodedContent(form.Fields)));
        foreach (var url in Pages().Concat(["/"]))
        {
            failures.AddRange(await ForgedLocationAsync(browser.Client, HttpMethod.Get, url, null));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task With_allowed_hosts_set_another_host_gets_400_and_a_listed_one_works()
    {
        await using var node = await TestNode.StartAsync(configure: o => o with { Security = new SecurityOptions { AllowedHosts = ["omnia.example.com", "127.0.0.1"] } });

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/signin");
        forged.Headers.Host = ForgedHost;
        using var refused = await node.Client.SendAsync(forged);
        using var listed = await node.Client.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    private static async Task<IEnumerable<string>> ForgedLocationAsync(HttpClient client, HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Host = ForgedHost;
        using var response = await client.SendAsync(request);
        string? location = response.Headers.Location?.OriginalString;
        return location is not null && (location.Contains(ForgedHost, StringComparison.OrdinalIgnoreCase) || location.StartsWith("//", StringComparison.Ordinal) || location.Contains("://", StringComparison.Ordinal))
            ? [$"{method} {url}: Location {location}"]
            : [];
    }

    private static IEnumerable<string> Missing(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Content-Security-Policy", out var csp) || csp.Single() != SecurityHeaders.ContentSecurityPolicy)
        {
            yield return "Content-Security-Policy";
        }

        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff")
        {
            yield return "X-Content-Type-Options: nosniff";
        }

        if (!response.Headers.TryGetValues("X-Frame-Options", out var frame) || frame.Single() != "DENY")
        {
            yield return "X-Frame-Options: DENY";
        }

        if (!response.Headers.Contains("Referrer-Policy"))
        {
            yield return "Referrer-Policy";
        }
    }

    /// <summary>Every dashboard page of the node, read from its endpoints, with route values filled.</summary>
    private IEnumerable<string> Pages() => _node.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        .Select(e => "/" + RouteValue().Replace(e.RoutePattern.RawText!.TrimStart('/'), m => m.Groups["name"].Value == "workspace" ? "default" : "x"))
        .Distinct();

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"<script(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
