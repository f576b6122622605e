using System.Net.Http.Headers;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SettingsTests(DashboardNode node)
{
    [Fact]
    public async Task Invalid_channel_rules_are_explained_next_to_the_editor_and_change_nothing()
    {
        string before = await ChannelRulesFromApiAsync();
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var editor = page.GetByLabel("Rules (JSON)");
        string original = await editor.InputValueAsync();
        Assert.Contains("\"rules\"", original);

        await editor.FillAsync("{ \"rules\": [ { \"channel\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        var errors = page.Locator("#rules-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(errors).ToContainTextAsync("The JSON is not valid at line 1");
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveValueAsync("{ \"rules\": [ { \"channel\": ");
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveAttributeAsync("aria-invalid", "true");

        string wrongChannel = original.Replace("\"channel\": \"email\"", "\"channel\": \"carrier_pigeon\"", StringComparison.Ordinal);
        Assert.NotEqual(original, wrongChannel);
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Rules (JSON)").FillAsync(wrongChannel);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(errors).ToContainTextAsync("carrier_pigeon");
        await Artifacts.ScreenshotAsync(page, "10-settings-channel-rules-errors");
        Assert.Equal(before, await ChannelRulesFromApiAsync());

        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Rules (JSON)").FillAsync(original);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");
        await Assertions.Expect(page.Locator("#rules-errors")).ToHaveCountAsync(0);
        Assert.Equal(before, await ChannelRulesFromApiAsync());
        await page.Context.CloseAsync();
    }

    private async Task<string> ChannelRulesFromApiAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/workspaces/default/settings/channel-rules");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardNode.AdminKey);
        using var response = await node.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
