using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SourcesTests(DashboardNode node)
{
    [Fact]
    public async Task An_owner_creates_a_source_and_sees_its_write_key_once_with_snippets_that_work()
    {
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sources & keys" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Checkout website");
        await page.GetByLabel("Kind").SelectOptionAsync("website");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create source" }).ClickAsync();

        var created = page.Locator("#created-source");
        await Assertions.Expect(created).ToContainTextAsync("Source “Checkout website” is ready");
        string key = await page.Locator("#write-key").InnerTextAsync();
        Assert.Matches("^wk_[0-9a-f]{40}$", key);
        string origin = node.BaseAddress.GetLeftPart(UriPartial.Authority);
        await Assertions.Expect(page.Locator("#snippet-node")).ToContainTextAsync($"new Analytics({{ writeKey: '{key}', host: '{origin}' }})");
        await Assertions.Expect(page.Locator("#snippet-curl")).ToContainTextAsync($"curl -u '{key}:'");
        await Assertions.Expect(page.Locator("#snippet-curl")).ToContainTextAsync($"{origin}/v1/track");
        await Assertions.Expect(page.Locator("#snippet-browser")).ToContainTextAsync($"cdnURL: '{origin}'");
        await Assertions.Expect(page.Locator("#sources-table tr", new() { HasText = "Checkout website" })).ToContainTextAsync("Any origin");
        await Assertions.Expect(page.Locator("#sources-table")).ToContainTextAsync("Checkout website");
        await Artifacts.ScreenshotAsync(page, "07-sources-created");

        // The key works against this server, as the curl snippet says.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent("""{"userId":"user_123","event":"Order Completed","properties":{"revenue":42.5}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        using var sent = await node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Shown once: when the page is opened again only its prefix is listed.
        await page.GotoAsync("/w/default/sources");
        await Assertions.Expect(page.Locator("#created-source")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync());
        await Assertions.Expect(page.Locator("#sources-table")).ToContainTextAsync(key[..8]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_added_by_the_owner_cannot_create_a_source_in_the_dashboard_or_the_api()
    {
        string email = $"viewer-{Guid.NewGuid():N}"[..15] + "@example.com";
        const string password = "viewer password 1";
        var owner = await node.SignedInPageAsync();
        await owner.GotoAsync("/w/default/settings/users");
        await owner.GetByLabel("Email").FillAsync(email);
        await owner.GetByLabel("Role").SelectOptionAsync("Viewer");
        await owner.GetByLabel("Initial password").FillAsync(password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#user-added")).ToContainTextAsync($"{email} can now sign in as viewer");
        await Assertions.Expect(owner.Locator("#users-table tr", new() { HasText = email })).ToContainTextAsync("viewer");
        await Artifacts.ScreenshotAsync(owner, "08-settings-users");
        await owner.Context.CloseAsync();

        var viewer = await node.SignedInPageAsync(email, password);
        await Assertions.Expect(viewer.Locator(".account .role-badge")).ToHaveTextAsync("viewer");
        await viewer.GotoAsync("/w/default/sources");
        await Assertions.Expect(viewer.Locator("#create-not-allowed")).ToHaveTextAsync(
            "Creating sources needs the owner role; you are a viewer. Ask an owner of this workspace.");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Create source" })).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(viewer, "09-sources-as-viewer");
        int sourcesBefore = await viewer.Locator("#sources-table tbody tr").CountAsync();

        // Posting the form anyway (with a valid antiforgery token) is refused by the server, too.
        string token = await viewer.Locator("form.signout input[name=__RequestVerificationToken]").InputValueAsync();
        var forged = await viewer.APIRequest.PostAsync("/w/default/sources", new()
        {
            Form = viewer.APIRequest.CreateFormData()
                .Append("_handler", "create-source").Append("__RequestVerificationToken", token)
                .Append("Form.Name", "Sneaky source").Append("Form.Kind", "server"),
        });
        Assert.True(forged.Status is 400 or 403, $"{forged.Status}: {await forged.TextAsync()}");

        // And so is the admin API, called with the viewer's sign-in cookie: the same rule in both places.
        var api = await viewer.APIRequest.PostAsync("/api/v1/workspaces/default/sources", new()
        {
            DataObject = new { name = "Sneaky source", kind = "server" },
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        Assert.Equal(403, api.Status);
        Assert.Contains("This needs the owner role; the caller is viewer.", await api.TextAsync());
        var list = await viewer.APIRequest.GetAsync("/api/v1/workspaces/default/sources");
        Assert.Equal(200, list.Status);
        Assert.DoesNotContain("Sneaky source", await list.TextAsync());

        await viewer.ReloadAsync();
        await Assertions.Expect(viewer.Locator("#sources-table tbody tr")).ToHaveCountAsync(sourcesBefore);
        await viewer.Context.CloseAsync();
    }

    [Fact]
    public async Task The_browser_origins_a_source_allows_set_through_the_api_are_shown_on_the_sources_page()
    {
        var (status, body) = await node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/sources",
            """{"name":"Outlet shop","kind":"website","allowedOrigins":["https://outlet.example.com","http://localhost:3000"]}""");
        Assert.Equal(201, status);
        Assert.Contains("https://outlet.example.com", body);

        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/sources");
        var row = page.Locator("#sources-table tr", new() { HasText = "Outlet shop" });
        await Assertions.Expect(row).ToContainTextAsync("https://outlet.example.com, http://localhost:3000");
        await Assertions.Expect(page.Locator("#origins-note")).ToContainTextAsync("allowedOrigins");
        await page.Context.CloseAsync();
    }
}
