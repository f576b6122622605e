using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Omnia.Dashboard.Tests;

/// <summary>
/// Every dashboard page, opened in a real browser under Omnia's Content-Security-Policy, runs without a single
/// policy violation: its scripts, charts, styles and icons all come from Omnia's own files.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ContentSecurityPolicyTests(DashboardNode node)
{
    [Fact]
    public async Task Every_page_renders_in_chromium_without_a_content_security_policy_violation()
    {
        var lookup = await node.Http.SendAsync(Request("/api/v1/workspaces/default/profiles/lookup?type=email&value=maya.jensen@example.com"));
        string profile = System.Text.Json.JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var segments = System.Text.Json.JsonDocument.Parse(await (await node.Http.SendAsync(Request("/api/v1/workspaces/default/segments"))).Content.ReadAsStringAsync()).RootElement;
        string segment = segments.EnumerateArray().First().GetProperty("slug").GetString()!;
        var pages = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + RouteValue().Replace(e.RoutePattern.RawText!.TrimStart('/'), m => m.Groups["name"].Value switch
            {
                "workspace" => "default",
                "id" => profile,
                "slug" => segment,
                _ => "x",
            }))
            .Distinct().ToList();

        var page = await node.SignedInPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        foreach (var url in pages)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (url.Contains("/settings/", StringComparison.Ordinal) || url.EndsWith("/sources", StringComparison.Ordinal))
            {
                await Artifacts.ScreenshotAsync(page, "30-security-" + url.Split('/')[^1]);
            }
        }

        await page.Context.CloseAsync();
        Assert.True(pages.Count >= 20, $"Only {pages.Count} pages.");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardNode.AdminKey);
        return request;
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
