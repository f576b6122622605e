using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Omnia.Core.Demo;

namespace Omnia.Dashboard.Tests;

/// <summary>The visual segment builder: building from scratch with a live estimate, the JSON view, and every demo segment.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SegmentBuilderTests(DashboardNode node)
{
    private const string Api = "/api/v1/workspaces/default/segments";

    [Fact]
    public async Task A_marketer_builds_a_segment_from_scratch_watches_its_estimate_change_saves_it_and_finds_its_members()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/segments/new");
        var builder = page.Locator("#segment-builder");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Visual" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Locator("#builder-schema")).ToContainTextAsync("Pickers offer the names seen in");

        // From scratch: remove the example's condition, name the segment.
        await builder.Locator(".cond[data-path='condition']").GetByRole(AriaRole.Button, new() { Name = "Remove condition" }).ClickAsync();
        await Assertions.Expect(builder).ToContainTextAsync("No condition yet");
        string id = Guid.NewGuid().ToString("N")[..6];
        string name = $"Cart, no order, emailable {id}";
        await builder.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await builder.GetByLabel("Description (optional)").FillAsync("Added to cart in the last 30 days and not ordered, with email consent");

        // Added to cart in the last 30 days.
        await builder.GetByLabel("Kind of condition to add").SelectOptionAsync("Did an event");
        await builder.GetByRole(AriaRole.Button, new() { Name = "+ Add condition" }).ClickAsync();
        var added = builder.Locator(".cond[data-path='condition']");
        // A new event condition has no name yet: the estimate's error lands on it.
        await Assertions.Expect(added.Locator(".cond-errors")).ToContainTextAsync("event.name");
        await added.GetByLabel("Event", new() { Exact = true }).FillAsync("Product Added");
        await added.GetByLabel("Event window").SelectOptionAsync("in the last");
        await added.GetByLabel("Event window: the last: how many").FillAsync("30");
        long withCart = await AssertLiveEstimateMatchesApiAsync(page);
        await Assertions.Expect(added.Locator(".cond-errors")).ToBeHiddenAsync();
        await Artifacts.ScreenshotAsync(page, "40-builder-one-condition");

        // … and did not order in the last 30 days: a second condition makes the root an "all of" group.
        await builder.GetByLabel("Kind of condition to add").SelectOptionAsync("Did an event");
        await builder.GetByRole(AriaRole.Button, new() { Name = "+ Add condition (all must match)" }).ClickAsync();
        var ordered = builder.Locator(".cond[data-path='condition.and[1]']");
        await ordered.GetByLabel("Event", new() { Exact = true }).FillAsync("Order Completed");
        await ordered.GetByLabel("Event window").SelectOptionAsync("in the last");
        await ordered.GetByLabel("Event window: the last: how many").FillAsync("30");
        await ordered.GetByRole(AriaRole.Button, new() { Name = "NOT", Exact = true }).ClickAsync();
        await Assertions.Expect(builder.Locator(".cond.not[data-path='condition.and[1]']")).ToContainTextAsync("Profiles that do not match");
        long withoutOrder = await AssertLiveEstimateMatchesApiAsync(page);

        // … with email consent.
        await builder.Locator(".cond[data-path='condition']").GetByLabel("Kind of condition to add").SelectOptionAsync("Consent");
        await builder.GetByRole(AriaRole.Button, new() { Name = "+ Add condition", Exact = true }).ClickAsync();
        var consent = builder.Locator(".cond[data-path='condition.and[2]']");
        await Assertions.Expect(consent.GetByLabel("Channel")).ToHaveValueAsync("email");
        await Assertions.Expect(consent.GetByLabel("Consent")).ToHaveValueAsync("true");
        long emailable = await AssertLiveEstimateMatchesApiAsync(page);
        Assert.True(withCart > withoutOrder && withoutOrder >= emailable && emailable > 0, $"{withCart} → {withoutOrder} → {emailable}");
        await Artifacts.ScreenshotAsync(page, "41-builder-cart-no-order-emailable");

        // The JSON view holds exactly what was built.
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        string json = await page.GetByLabel("Definition (JSON)").InputValueAsync();
        Assert.Equal(
            Canonical($$$$$"""
                {"version":1,"name":"{{{{{name}}}}}","description":"Added to cart in the last 30 days and not ordered, with email consent",
                 "condition":{"and":[{"event":{"name":"Product Added","window":{"last":"30d"}}},
                                     {"not":{"event":{"name":"Order Completed","window":{"last":"30d"}}}},
                                     {"consent":{"channel":"email","subscribed":true}}]}}
                """),
            Canonical(json));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        string slug = $"cart-no-order-emailable-{id}";
        await page.WaitForURLAsync($"**/w/default/segments/{slug}?saved=created");
        await node.AudiencesCaughtUpAsync();
        await page.GotoAsync("/w/default/segments");
        var row = page.Locator("#segments-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row.Locator("td[data-size]")).ToHaveTextAsync(emailable.ToString("#,0", CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        Assert.Equal((int)Math.Min(emailable, 25), await page.Locator("#members-table tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_json_view_stays_in_sync_both_ways_and_invalid_json_pauses_the_builder_without_losing_the_text()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/segments/new?example=lapsed-vips");
        var builder = page.Locator("#segment-builder");
        await Assertions.Expect(builder.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Lapsed VIPs");

        // Visual → JSON.
        var aggregate = builder.Locator(".cond[data-path='condition.and[0]']");
        await aggregate.GetByLabel("Aggregate value").FillAsync("750");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var json = page.GetByLabel("Definition (JSON)");
        await Assertions.Expect(json).ToHaveValueAsync(new Regex("\"value\": 750"));

        // Invalid JSON: said where, the text kept, the builder paused.
        string text = await json.InputValueAsync();
        string broken = text.Replace("\"Lapsed VIPs\"", "\"Lapsed VIPs", StringComparison.Ordinal);
        await json.FillAsync(broken);
        await Assertions.Expect(page.Locator("#segment-json-status")).ToContainTextAsync("The JSON is not valid");
        await Assertions.Expect(page.Locator("#segment-json-status")).ToContainTextAsync("line");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Visual" }).ClickAsync();
        await Assertions.Expect(page.Locator("#builder-paused")).ToBeVisibleAsync();
        await Assertions.Expect(builder.GetByLabel("Name", new() { Exact = true })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await Assertions.Expect(json).ToHaveValueAsync(broken);

        // JSON → visual, comments allowed as the server allows them.
        await json.FillAsync(text.Replace("\"Lapsed VIPs\",", "\"Lapsed big spenders\", // renamed", StringComparison.Ordinal).Replace("750", "900", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#segment-json-status")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Visual" }).ClickAsync();
        await Assertions.Expect(page.Locator("#builder-paused")).ToBeHiddenAsync();
        await Assertions.Expect(builder.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Lapsed big spenders");
        await Assertions.Expect(aggregate.GetByLabel("Aggregate value")).ToHaveValueAsync("900");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_condition_the_builder_cannot_show_keeps_its_json_in_a_box_of_its_own_and_the_rest_stays_visual()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/segments/new");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Definition (JSON)").FillAsync("""
            {"version":1,"name":"Odd one","condition":{"and":[
              {"trait":{"name":"plan","op":"equals","value":{"tier":"gold"}}},
              {"consent":{"channel":"email","subscribed":true}}]}}
            """);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Visual" }).ClickAsync();
        var builder = page.Locator("#segment-builder");
        var raw = builder.Locator(".cond.raw[data-path='condition.and[0]']");
        await Assertions.Expect(raw).ToContainTextAsync("cannot be shown in the visual editor");
        await Assertions.Expect(builder.Locator(".cond.leaf[data-path='condition.and[1]']").GetByLabel("Channel")).ToHaveValueAsync("email");
        // The estimate's error for the odd value lands on its box.
        await Assertions.Expect(raw.Locator(".cond-errors")).ToContainTextAsync("trait.value");

        // Editing the other condition keeps the odd one as it was.
        await builder.Locator(".cond.leaf[data-path='condition.and[1]']").GetByLabel("Consent").SelectOptionAsync("has opted out");
        Assert.Equal(
            Canonical("""{"and":[{"trait":{"name":"plan","op":"equals","value":{"tier":"gold"}}},{"consent":{"channel":"email","subscribed":false}}]}"""),
            await ConditionAsync(page));

        // Fixed in its box, it becomes visual.
        await raw.GetByLabel("Condition as JSON").FillAsync("""{"trait":{"name":"plan","op":"equals","value":"gold"}}""");
        await Assertions.Expect(builder.Locator(".cond.leaf[data-path='condition.and[0]']").GetByLabel("Trait value", new() { Exact = true })).ToHaveValueAsync("gold");
        await Assertions.Expect(builder.Locator(".cond.raw")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_save_refused_by_the_server_puts_each_error_on_its_condition()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/segments/new");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Definition (JSON)").FillAsync("""
            {"version":1,"name":"Two problems","condition":{"and":[
              {"computed":{"name":"orderCount","op":"gte","value":1}},
              {"event":{"name":"Order Completed","count":{"op":"most","value":2}}},
              {"trait":{"name":"plan","op":"before","value":"soon"}}]}}
            """);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#segment-errors")).ToContainTextAsync("the definition has 2 problems");

        var builder = page.Locator("#segment-builder");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Visual" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[0]'] .cond-errors")).ToBeHiddenAsync();
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[1]'] > .cond-errors")).ToContainTextAsync("'most' is not one of");
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[1]']").GetByLabel("Count comparison")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[2]'] > .cond-errors")).ToContainTextAsync("soon");
        await Artifacts.ScreenshotAsync(page, "42-builder-errors-inline");

        // Fixing one in the builder leaves the other on its condition.
        await builder.Locator(".cond[data-path='condition.and[1]']").GetByLabel("Count comparison").SelectOptionAsync("at most");
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[1]'] > .cond-errors")).ToBeHiddenAsync();
        await Assertions.Expect(builder.Locator(".cond[data-path='condition.and[2]'] > .cond-errors")).ToContainTextAsync("soon");
        await Assertions.Expect(page.Locator("#live-estimate-figure")).ToHaveTextAsync("No estimate: the definition has 1 problem");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_demo_segment_opens_in_the_builder_without_json_and_saves_back_unchanged()
    {
        var page = await node.SignedInPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        foreach (var (slug, _) in DemoSegments.All)
        {
            var (status, body) = await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}");
            Assert.Equal(200, status);
            using var saved = JsonDocument.Parse(body);
            string definition = saved.RootElement.GetProperty("definition").GetRawText();
            int version = saved.RootElement.GetProperty("version").GetInt32();

            await page.GotoAsync($"/w/default/segments/{slug}/edit");
            var builder = page.Locator("#segment-builder");
            await Assertions.Expect(builder.Locator(".cond").First).ToBeVisibleAsync();
            // Every condition is shown with its own controls: none falls back to JSON.
            Assert.Equal(0, await builder.Locator(".cond.raw").CountAsync());
            var kinds = await builder.Locator(".cond.leaf").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kind + ':' + e.querySelector('.cond-kind').value)");
            Assert.NotEmpty(kinds);
            Assert.All(kinds, k => Assert.Equal(k.Split(':')[0], k.Split(':')[1]));

            // Touching the builder makes it write the JSON from what it shows: the saved definition, key for key.
            var nameField = builder.GetByLabel("Name", new() { Exact = true });
            string name = await nameField.InputValueAsync();
            await nameField.FillAsync(name + " ");
            await nameField.FillAsync(name);
            string produced = await page.GetByLabel("Definition (JSON)").InputValueAsync();
            Assert.Equal(Canonical(definition), Canonical(produced));

            await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
            await page.WaitForURLAsync($"**/w/default/segments/{slug}?saved=updated");
            var (_, after) = await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}");
            using var reread = JsonDocument.Parse(after);
            Assert.Equal(version, reread.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(definition, reread.RootElement.GetProperty("definition").GetRawText());
        }

        Assert.Empty(scriptErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pickers_offer_the_workspace_names_and_the_operators_and_inputs_that_suit_each_value_type()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/segments/new");
        var builder = page.Locator("#segment-builder");
        await Assertions.Expect(page.Locator("#builder-schema")).ToContainTextAsync("Pickers offer the names seen in");
        await Assertions.Expect(page.Locator("#schema-events option[value='Order Completed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#schema-traits option[value='email']")).ToHaveCountAsync(1);
        await builder.Locator(".cond[data-path='condition']").GetByRole(AriaRole.Button, new() { Name = "Remove condition" }).ClickAsync();

        // A text trait: text comparisons, no "more than".
        await builder.GetByLabel("Kind of condition to add").SelectOptionAsync("Profile trait");
        await builder.GetByRole(AriaRole.Button, new() { Name = "+ Add condition" }).ClickAsync();
        var trait = builder.Locator(".cond[data-path='condition']");
        await trait.GetByLabel("Trait", new() { Exact = true }).FillAsync("email");
        await trait.GetByLabel("Trait", new() { Exact = true }).BlurAsync();
        var traitOps = await trait.GetByLabel("Trait comparison").Locator("option").AllTextContentsAsync();
        Assert.Contains("contains", traitOps);
        Assert.DoesNotContain("is more than", traitOps);
        await trait.GetByLabel("Trait comparison").SelectOptionAsync("ends", new() { }).ContinueWith(_ => Task.CompletedTask);
        await trait.GetByLabel("Trait comparison").SelectOptionAsync("contains");
        await trait.GetByLabel("Trait value", new() { Exact = true }).FillAsync("@example.com");

        // A number property of an event: number comparisons and a number input.
        await builder.GetByLabel("Kind of condition to add").SelectOptionAsync("Did an event");
        await builder.GetByRole(AriaRole.Button, new() { Name = "+ Add condition (all must match)" }).ClickAsync();
        var order = builder.Locator(".cond[data-path='condition.and[1]']");
        await order.GetByLabel("Event", new() { Exact = true }).FillAsync("Order Completed");
        await order.GetByLabel("Event", new() { Exact = true }).BlurAsync();
        await order.GetByRole(AriaRole.Button, new() { Name = "Add a property filter to Event" }).ClickAsync();
        var property = order.GetByLabel("Event: property of filter 1");
        await property.FillAsync("revenue");
        await property.BlurAsync();
        var propertyOps = await order.GetByLabel("Event: comparison of filter 1").Locator("option").AllTextContentsAsync();
        Assert.Contains("is at least", propertyOps);
        Assert.DoesNotContain("contains", propertyOps);
        Assert.DoesNotContain("is within the last", propertyOps);
        await order.GetByLabel("Event: comparison of filter 1").SelectOptionAsync("is at least");
        await Assertions.Expect(order.GetByLabel("Event: value of filter 1", new() { Exact = true })).ToHaveAttributeAsync("type", "number");
        await order.GetByLabel("Event: value of filter 1", new() { Exact = true }).FillAsync("100");
        await order.GetByLabel("How often").SelectOptionAsync("a number of times");
        await order.GetByLabel("Number of times").FillAsync("2");
        await Artifacts.ScreenshotAsync(page, "45-builder-pickers");

        string json = await page.GetByLabel("Definition (JSON)").InputValueAsync();
        Assert.Equal(
            Canonical("""
                {"and":[{"trait":{"name":"email","op":"contains","value":"@example.com"}},
                        {"event":{"name":"Order Completed","where":[{"property":"revenue","op":"gte","value":100}],"count":{"op":"atLeast","value":2}}}]}
                """),
            JsonNode.Parse(json)!["condition"]!.ToJsonString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Lifecycle_stages_personas_sequences_and_buckets_are_edited_with_their_own_controls()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/segments/new?stage=loyalty");
        var builder = page.Locator("#segment-builder");
        await Assertions.Expect(page.Locator("#builder-schema")).ToContainTextAsync("Pickers offer the names seen in");
        await Assertions.Expect(builder.GetByLabel("Loyalty")).ToBeCheckedAsync();
        await builder.GetByLabel("Advocacy").CheckAsync();
        Assert.Equal("""{"lifecycleStage":{"in":["loyalty","advocacy"]}}""", await ConditionAsync(page));

        // Another kind in place: a persona (the demo trains six), then a holdout bucket with its share.
        await builder.GetByLabel("Kind of condition", new() { Exact = true }).SelectOptionAsync("Persona");
        var personas = builder.Locator(".choices input[type=checkbox]");
        Assert.True(await personas.CountAsync() >= 2);
        await personas.Nth(1).CheckAsync();
        Assert.Matches("""^\{"persona":\{"in":\["p[0-9]+","p[0-9]+"\]\}\}$""", await ConditionAsync(page));
        await builder.GetByLabel("Kind of condition", new() { Exact = true }).SelectOptionAsync("Random bucket (holdout)");
        await builder.GetByLabel("Last bucket (0–9999)").FillAsync("499");
        await Assertions.Expect(builder.Locator(".cond.leaf")).ToContainTextAsync("5% of profiles");

        // A sequence keyed by a property: did not order the same cart within 2 hours.
        await builder.GetByLabel("Kind of condition", new() { Exact = true }).SelectOptionAsync("Did A, then (not) B");
        await builder.GetByLabel("First event", new() { Exact = true }).FillAsync("Product Added");
        await builder.GetByLabel("Then event", new() { Exact = true }).FillAsync("Order Completed");
        await builder.GetByLabel("Within: how many").FillAsync("2");
        await builder.GetByLabel("Key property both events share (optional)").FillAsync("cart_id");
        await builder.GetByLabel("First event window").SelectOptionAsync("in the last");
        await builder.GetByLabel("First event window: the last: how many").FillAsync("14");
        await Assertions.Expect(page.Locator("#live-estimate")).Not.ToHaveAttributeAsync("aria-busy", "true");
        Assert.True(await builder.Locator(".cond-errors:visible").CountAsync() == 0, await page.GetByLabel("Definition (JSON)").InputValueAsync() + string.Join("; ", await builder.Locator(".cond-errors").AllTextContentsAsync()));
        await Assertions.Expect(page.Locator("#live-estimate-figure")).ToHaveTextAsync(new Regex("^exactly [\\d,]+ profiles?$"));
        Assert.Equal(
            Canonical("""{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"2h","did":false,"key":"cart_id","window":{"last":"14d"}}}"""),
            await ConditionAsync(page));
        await page.Context.CloseAsync();
    }

    /// <summary>The condition of the JSON the builder wrote, compact.</summary>
    private static async Task<string> ConditionAsync(IPage page) =>
        JsonNode.Parse(await page.GetByLabel("Definition (JSON)").InputValueAsync())!["condition"]!.ToJsonString();

    /// <summary>Waits for the live estimate and checks it is the API's exact size of the JSON the builder wrote.</summary>
    private async Task<long> AssertLiveEstimateMatchesApiAsync(IPage page)
    {
        var figure = page.Locator("#live-estimate-figure");
        await Assertions.Expect(page.Locator("#live-estimate")).Not.ToHaveAttributeAsync("aria-busy", "true");
        string json = await page.GetByLabel("Definition (JSON)").InputValueAsync();
        var (status, body) = await node.AdminAsync(HttpMethod.Post, $"{Api}/estimate", json);
        Assert.Equal(200, status);
        using var estimate = JsonDocument.Parse(body);
        Assert.True(estimate.RootElement.GetProperty("exact").GetBoolean(), "The demo workspace is small enough for exact estimates.");
        long size = estimate.RootElement.GetProperty("estimate").GetInt64();
        await Assertions.Expect(figure).ToHaveTextAsync($"exactly {size.ToString("#,0", CultureInfo.InvariantCulture)} {(size == 1 ? "profile" : "profiles")}");
        return size;
    }

    /// <summary>JSON re-serialised compactly with keys in their order, so two texts compare key for key.</summary>
    private static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();
}
