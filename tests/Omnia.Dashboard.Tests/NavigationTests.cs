using System.Net.Http.Json;
using System.Net.Http.Headers;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class NavigationTests(DashboardNode node)
{
    [Fact]
    public async Task Every_capability_is_in_the_navigation_and_those_not_built_yet_say_so()
    {
        var page = await node.SignedInPageAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        string[] expected = ["Overview", "Profiles", "Segments", "Personas", "Lifecycle", "Journeys", "Content", "Offers", "Analytics", "Attribution", "Planning", "Sources & keys", "Settings"];
        Assert.Equal(expected, await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync());
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");

        foreach (string capability in (string[])["Offers", "Planning"])
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = capability }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(capability);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Coming in a later release");
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = capability })).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(page.Locator("main table, main canvas")).ToHaveCountAsync(0);
        }

        await Artifacts.ScreenshotAsync(page, "11-coming-soon");

        // Journeys and Content are built: their pages are real.
        foreach (string capability in (string[])["Journeys", "Content"])
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = capability }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(capability);
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Coming in a later release");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_workspace_switcher_moves_between_workspaces_and_an_empty_one_says_it_has_no_data()
    {
        string slug = $"emea-{Guid.NewGuid():N}"[..12];
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces") { Content = JsonContent.Create(new { slug, name = "EMEA stores" }) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardNode.AdminKey);
            using var response = await node.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/profiles");
        var switcher = page.Locator("[data-testid=workspace-switcher]");
        await switcher.Locator("summary").ClickAsync();
        await Assertions.Expect(switcher.GetByRole(AriaRole.Link, new() { Name = "Default workspace" })).ToHaveAttributeAsync("aria-current", "true");
        await switcher.GetByRole(AriaRole.Link, new() { Name = "EMEA stores" }).ClickAsync();

        await page.WaitForURLAsync($"**/w/{slug}/profiles");
        await Assertions.Expect(page.Locator(".switcher-name")).ToHaveTextAsync("EMEA stores");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Profiles");
        await Assertions.Expect(page.Locator(".page-subtitle")).ToContainTextAsync("0 people");

        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tile-profiles [data-value]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".chart-box")).ToHaveAttributeAsync("data-state", "empty");
        await Assertions.Expect(page.Locator(".chart-box")).ToContainTextAsync("No events in the last 30 days.");
        await Assertions.Expect(page.GetByText("Show the numbers as a table")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#stream")).ToContainTextAsync("No events yet.");
        await Artifacts.ScreenshotAsync(page, "12-overview-empty-workspace");

        var missing = await page.GotoAsync("/w/no-such-workspace/profiles");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no workspace 'no-such-workspace' that you can see.");
        await page.Context.CloseAsync();
    }
}
