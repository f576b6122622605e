using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Tests.Security;

/// <summary>
/// Every route of the admin API (read from /openapi/v1.json at run time) and every dashboard page (read from the
/// node's endpoints at run time), called by every role, a caller of another workspace and nobody: each is allowed
/// exactly when the route's declared least role allows it. A route or page added later is covered the day it is
/// added, and one that declares no role fails here.
/// </summary>
public sealed partial class RouteRoleTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private IReadOnlyList<TestCaller> _callers = [];
    private string _profileId = "";

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _callers = await Callers.CreateAsync(_node);
        Assert.Equal(HttpStatusCode.OK, (await _node.SendAsync("/v1/identify", """{"userId":"rr-1","traits":{"email":"rr@example.com"}}""")).StatusCode);
        Assert.True((await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/segments/rr-seg",
            """{"version":1,"name":"RR","condition":{"trait":{"name":"email","op":"exists"}}}""")).IsSuccessStatusCode);
        _profileId = (await _node.ProfileAsync("userId", "rr-1")).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Every_admin_route_declares_its_least_role_and_allows_exactly_the_callers_it_declares()
    {
        var document = JsonDocument.Parse(await _node.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = new List<(string Method, string Path, Role Role, string Scope, HashSet<string> Numbers)>();
        var undeclared = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                if (!operation.Value.TryGetProperty("x-omnia-role", out var role) || !operation.Value.TryGetProperty("x-omnia-scope", out var scope))
                {
                    undeclared.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                    continue;
                }

                var numbers = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type)
                        && type.ValueKind == JsonValueKind.String && type.GetString() is "integer" or "number").Select(p => p.GetProperty("name").GetString()!).ToHashSet()
                    : [];
                operations.Add((operation.Name.ToUpperInvariant(), path.Name, Enum.Parse<Role>(role.GetString()!, ignoreCase: true), scope.GetString()!, numbers));
            }
        }

        Assert.True(undeclared.Count == 0, "These admin routes declare no least role; add .RequireRole(Role.…) to each:\n" + string.Join("\n", undeclared));
        Assert.True(operations.Count >= 40, $"Only {operations.Count} admin operations found in the OpenAPI document.");

        var violations = new List<string>();
        int requests = 0;
        foreach (var caller in _callers)
        {
            foreach (var (method, path, role, scope, numbers) in operations)
            {
                string url = Fill(path, numbers);
                using var response = await _node.Client.SendAsync(Callers.Request(new HttpMethod(method), url, caller.Key, method is "GET" or "DELETE" ? null : "{}"));
                string body = await response.Content.ReadAsStringAsync();
                requests++;
                bool expected = ApiAllows(caller, role, scope);
                bool refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.NotFound && body.Contains("that this key can see", StringComparison.Ordinal));
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || expected == refused)
                {
                    violations.Add($"{caller} {method} {url} (needs {role}, {scope}): {(int)response.StatusCode} {Preview(body)}");
                }
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} of {requests} requests broke the declared roles:\n" + string.Join("\n", violations.Take(60)));
    }

    [Fact]
    public async Task Every_dashboard_page_declares_its_least_role_and_shows_only_to_the_users_it_declares()
    {
        var pages = _node.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Anonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                Role: e.Metadata.GetMetadata<RequiredRoleAttribute>()?.Role))
            .DistinctBy(p => p.Pattern).ToList();
        var undeclared = pages.Where(p => p.Pattern.StartsWith("/w/", StringComparison.Ordinal) && p.Role is null).Select(p => p.Pattern).ToList();
        Assert.True(undeclared.Count == 0, "These dashboard pages declare no least role; add @attribute [RequiredRole(Role.…)]:\n" + string.Join("\n", undeclared));
        Assert.True(pages.Count >= 20, $"Only {pages.Count} dashboard pages found.");

        var violations = new List<string>();
        foreach (var caller in _callers)
        {
            using var dashboard = caller.Anonymous ? DashboardHttp.Anonymous(_node.Client.BaseAddress!) : await DashboardHttp.SignInAsync(_node, caller.Email!, caller.Email == TestNode.OwnerEmail ? TestNode.OwnerPassword : Callers.Password);
            foreach (var page in pages.Append((Pattern: "/", Anonymous: false, Role: (Role?)null)))
            {
                string url = Fill(page.Pattern);
                using var response = await dashboard.Client.GetAsync(url);
                string body = await response.Content.ReadAsStringAsync();
                string? location = response.Headers.Location?.OriginalString;
                bool toSignIn = response.StatusCode == HttpStatusCode.Found && location is not null && location.StartsWith("/signin", StringComparison.Ordinal);
                bool refused = toSignIn || response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.NotFound && body.Contains("There is no workspace", StringComparison.Ordinal));
                bool expected = PageAllows(caller, page.Pattern, page.Anonymous, page.Role ?? Role.Viewer);
                if ((int)response.StatusCode >= 500 || expected == refused)
                {
                    violations.Add($"{caller} GET {url} (needs {page.Role?.ToString() ?? "sign-in"}): {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} page requests broke the declared roles:\n" + string.Join("\n", violations));
    }

    /// <summary>The admin API's rule: the declared role or more, in a workspace the caller sees; installation-wide owner routes need an owner of every workspace.</summary>
    private static bool ApiAllows(TestCaller caller, Role required, string scope)
    {
        if (caller.Anonymous)
        {
            return false;
        }

        if (scope == "workspace" && caller.WrongWorkspace)
        {
            return false;
        }

        return caller.Role >= required && !(scope == "global" && required == Role.Owner && !caller.SeesAll);
    }

    private static bool PageAllows(TestCaller caller, string pattern, bool anonymousPage, Role required)
    {
        if (anonymousPage)
        {
            return true;
        }

        if (caller.Anonymous)
        {
            return false;
        }

        if (!pattern.StartsWith("/w/", StringComparison.Ordinal))
        {
            return true;
        }

        return !caller.WrongWorkspace && caller.Role >= required;
    }

    /// <summary>Route values: the test workspace, a real profile and segment, and ids that do not exist (so no change lands on real data).</summary>
    private string Fill(string pattern, IReadOnlySet<string>? numbers = null) => RouteValue().Replace(pattern, m => m.Groups["name"].Value switch
    {
        "workspace" => "default",
        "slug" => "rr-seg",
        var name when m.Value.Contains(":int", StringComparison.Ordinal) || numbers?.Contains(name) == true => "999999",
        "id" => _profileId,
        _ => "no-such-" + m.Groups["name"].Value,
    });

    private static string Preview(string body) => body.Length > 160 ? body[..160] : body;

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
