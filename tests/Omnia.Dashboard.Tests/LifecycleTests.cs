using System.Text.Json;
using System.Text.RegularExpressions;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class LifecycleTests(DashboardNode node)
{
    private static readonly string[] Stages = ["awareness", "consideration", "conversion", "loyalty", "advocacy"];

    [Fact]
    public async Task The_lifecycle_page_counts_profiles_at_every_stage_as_the_api_does_and_shows_the_default_rules()
    {
        await node.AudiencesCaughtUpAsync();
        var (email, password) = await node.AddUserAsync("Viewer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Lifecycle" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lifecycle");

        var bars = page.Locator("#stage-bars > li");
        Assert.Equal(Stages, await bars.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.stage)"));
        var (status, body) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/lifecycle");
        Assert.Equal(200, status);
        using var api = JsonDocument.Parse(body);
        var expected = api.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("profiles").GetInt64());
        foreach (string stage in Stages)
        {
            var bar = page.Locator($"#stage-bars > li[data-stage={stage}]");
            await Assertions.Expect(bar.Locator(".stage-pill")).ToHaveTextAsync(char.ToUpperInvariant(stage[0]) + stage[1..]);
            Assert.Equal(expected[stage], long.Parse(await bar.Locator("[data-count]").GetAttributeAsync("data-count") ?? "", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(expected["conversion"] + expected["loyalty"] > 0, "Demo customers buy.");
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveValueAsync(new Regex("\"stage\": \"advocacy\""));
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(page.Locator("#rules-not-allowed")).ToHaveTextAsync("Changing the rules needs the marketer role; you are a viewer.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save rules" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#lifecycle-builder select.cond-kind").First).ToBeDisabledAsync();
        await Artifacts.ScreenshotAsync(page, "33-lifecycle");

        // Each stage leads to a segment draft of the people at it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Segment of Loyalty" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveValueAsync(new Regex("\"lifecycleStage\": \"loyalty\""));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_lifecycle_rules_edit_shows_the_error_with_its_path_inline_and_changes_nothing()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/lifecycle");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var editor = page.GetByLabel("Rules (JSON)");
        string rules = await editor.InputValueAsync();
        string before = (await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/lifecycle-rules")).Body;

        // An operator no computed trait has, in the loyalty and conversion rules: each problem is named by its path.
        string bad = rules.Replace("\"op\": \"gte\"", "\"op\": \"most\"", StringComparison.Ordinal);
        Assert.NotEqual(rules, bad);
        await editor.FillAsync(bad);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, response.Status);
        var errors = page.Locator("#rules-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Nothing was saved: the rules have");
        await Assertions.Expect(errors.Locator("li").First).ToHaveTextAsync(new Regex(@"^rules\[1\]\.condition\.and\[0\]\.computed\.op: 'most' is not one of"));
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveValueAsync(bad);
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Artifacts.ScreenshotAsync(page, "34-lifecycle-rules-errors");
        Assert.Equal(before, (await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/lifecycle-rules")).Body);

        // Back to the defaults: saved, and the editor shows them again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset to defaults" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");
        await Assertions.Expect(page.Locator("#rules-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).ToHaveValueAsync(new Regex("\"op\": \"gte\""));
        await Assertions.Expect(page.Locator("#rules .card-header")).ToContainTextAsync("The default rules");
        await node.AudiencesCaughtUpAsync();
        await page.Context.CloseAsync();
    }
}
