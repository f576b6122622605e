using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Omnia.Dashboard.Tests;

/// <summary>Lifecycle rules and channel rules edited in their visual editors, without touching JSON.</summary>
[Collection(DashboardCollection.Name)]
public sealed class VisualRulesTests(DashboardNode node)
{
    private const string LifecycleRules = "/api/v1/workspaces/default/lifecycle-rules";
    private const string ChannelRules = "/api/v1/workspaces/default/settings/channel-rules";

    [Fact]
    public async Task A_marketer_changes_the_loyalty_rule_in_the_visual_editor_and_saves_it()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync("/w/default/lifecycle");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Visual" })).ToHaveAttributeAsync("aria-selected", "true");
        var loyalty = page.GetByRole(AriaRole.Region, new() { Name = "Loyalty rule" });
        await Assertions.Expect(loyalty.Locator(".cond.group")).ToHaveAttributeAsync("data-path", "rules[1].condition");

        // Three orders instead of two, and the last one within 180 days instead of 365.
        await loyalty.Locator(".cond[data-path='rules[1].condition.and[0]']").GetByLabel("Computed trait value", new() { Exact = true }).FillAsync("3");
        await loyalty.Locator(".cond[data-path='rules[1].condition.and[1]']").GetByLabel("Computed trait value: how many").FillAsync("180");
        // A stage condition cannot use segments, personas or stages: the builder does not offer them.
        var kinds = await loyalty.GetByLabel("Kind of condition to add").Locator("option").AllTextContentsAsync();
        Assert.DoesNotContain("In another segment", kinds);
        Assert.DoesNotContain("Lifecycle stage", kinds);
        await Artifacts.ScreenshotAsync(page, "43-lifecycle-visual");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");

        var (_, saved) = await node.AdminAsync(HttpMethod.Get, LifecycleRules);
        var rule = JsonNode.Parse(saved)!["rules"]!.AsArray().Single(r => (string?)r!["stage"] == "loyalty")!["condition"]!;
        Assert.Equal(
            JsonNode.Parse("""{"and":[{"computed":{"name":"orderCount","op":"gte","value":3}},{"computed":{"name":"lastOrderAt","op":"withinLast","value":"180d"}}]}""")!.ToJsonString(),
            rule.ToJsonString());
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Loyalty rule" }).Locator(".cond[data-path='rules[1].condition.and[0]']").GetByLabel("Computed trait value", new() { Exact = true })).ToHaveValueAsync("3");

        // Removing a stage's rule in the builder drops it from the document.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the advocacy rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Loyalty rule" }).Locator(".cond.group").First).ToHaveAttributeAsync("data-path", "rules[0].condition");
        await Assertions.Expect(page.GetByLabel("Rules (JSON)")).Not.ToHaveValueAsync(new Regex("advocacy"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Reset to defaults" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules .card-header")).ToContainTextAsync("The default rules");
        await node.AudiencesCaughtUpAsync();
        Assert.Empty(scriptErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owner_adds_a_channel_rule_visually_moves_it_and_deletes_it()
    {
        var (_, before) = await node.AdminAsync(HttpMethod.Get, ChannelRules);
        int count = JsonNode.Parse(before)!["rules"]!.AsArray().Count;
        var page = await node.SignedInPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync("/w/default/settings/channels");
        var rules = page.Locator("#channel-rule-list > li");
        await Assertions.Expect(rules).ToHaveCountAsync(count);

        // A new first rule: utm_source partnerhub or affiliate-net is the affiliate channel.
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add a rule at the top" }).ClickAsync();
        await page.GetByLabel("Rule 1: channel", new() { Exact = true }).SelectOptionAsync("Affiliate");
        await page.GetByLabel("Condition to add to rule 1", new() { Exact = true }).SelectOptionAsync("UTM source is one of");
        await rules.First.GetByRole(AriaRole.Button, new() { Name = "+ Add condition" }).ClickAsync();
        var sources = page.GetByLabel("Rule 1: UTM source is one of", new() { Exact = true });
        await sources.FillAsync("partnerhub");
        await sources.PressAsync("Enter");
        await sources.FillAsync("affiliate-net");
        await sources.PressAsync("Enter");
        await Assertions.Expect(rules.First.Locator(".chip-text")).ToHaveTextAsync(["partnerhub", "affiliate-net"]);
        await Artifacts.ScreenshotAsync(page, "44-channel-rules-visual");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");

        var saved = JsonNode.Parse((await node.AdminAsync(HttpMethod.Get, ChannelRules)).Body)!["rules"]!.AsArray();
        Assert.Equal(count + 1, saved.Count);
        Assert.Equal("affiliate", (string?)saved[0]!["channel"]);
        Assert.Equal(["partnerhub", "affiliate-net"], saved[0]!["sources"]!.AsArray().Select(s => (string)s!));
        Assert.Empty(saved[0]!["mediums"]!.AsArray());

        // Order matters (first match wins): move it below the next rule, then delete it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move rule 1 down", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Rule 2: channel", new() { Exact = true })).ToHaveValueAsync("affiliate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");
        saved = JsonNode.Parse((await node.AdminAsync(HttpMethod.Get, ChannelRules)).Body)!["rules"]!.AsArray();
        Assert.Equal("affiliate", (string?)saved[1]!["channel"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete rule 2", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rules-saved")).ToContainTextAsync("Saved.");
        Assert.Equal(JsonNode.Parse(before)!.ToJsonString(), JsonNode.Parse((await node.AdminAsync(HttpMethod.Get, ChannelRules)).Body)!.ToJsonString());
        Assert.Empty(scriptErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_channel_rule_the_server_refuses_shows_its_error_on_that_rule()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/settings/channels");
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Add a rule at the end" }).ClickAsync();
        int n = await page.Locator("#channel-rule-list > li").CountAsync();
        await page.GetByLabel($"Rule {n}: channel", new() { Exact = true }).SelectOptionAsync("Referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();

        await Assertions.Expect(page.Locator("#rules-errors")).ToContainTextAsync($"Rule {n} (referral) has no conditions");
        var rule = page.Locator($"#channel-rule-list > li[data-rule='{n - 1}']");
        await Assertions.Expect(rule.Locator(".cond-errors")).ToContainTextAsync("has no conditions, so it would match every event");
        await page.Context.CloseAsync();
    }
}
