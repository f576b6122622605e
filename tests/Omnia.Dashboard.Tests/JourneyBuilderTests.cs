using System.Text.Json;

namespace Omnia.Dashboard.Tests;

/// <summary>The journey builder, the content editor and the contact policy page, in a real browser.</summary>
[Collection(DashboardCollection.Name)]
public sealed class JourneyBuilderTests(DashboardNode node)
{
    [Fact]
    public async Task A_marketer_writes_content_builds_and_publishes_a_journey_and_sees_its_counts_move()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        string id = Guid.NewGuid().ToString("N")[..6];

        // Content first: an email variant, checked as it is written.
        await page.GotoAsync("/w/default/content/new");
        await page.GetByLabel("Slug").FillAsync($"welcome-{id}");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Welcome {id}");
        await page.Locator("#c-email-subject").FillAsync("Welcome, {{ traits.first_name | default: 'friend' }}");
        await page.Locator("#c-email-text").FillAsync("Good to have you. https://shop.example.com/start");
        await page.GetByRole(AriaRole.Tab, new() { Name = "SMS" }).ClickAsync();
        await page.Locator("#c-sms-on").CheckAsync();
        await page.Locator("#c-sms-text").FillAsync("Welcome “friend” – start here: https://shop.example.com/start");
        await Assertions.Expect(page.Locator("#sms-meter")).ToContainTextAsync("UCS2");
        await Assertions.Expect(page.Locator("[data-issues='sms'] li[data-code='sms_ucs2']")).ToBeVisibleAsync();
        await page.Locator("#c-sms-text").FillAsync("Welcome friend - start here: https://shop.example.com/start");
        await Assertions.Expect(page.Locator("#sms-meter")).ToContainTextAsync("GSM7: ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save content" }).ClickAsync();
        await Assertions.Expect(page.Locator("#content-saved")).ToContainTextAsync("Saved as version 1");

        // Preview with a real profile: the demo's Maya.
        var (_, lookup) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=email&value=maya.jensen@example.com");
        string maya = JsonDocument.Parse(lookup).RootElement.GetProperty("id").GetString()!;
        await page.GetByLabel("Profile id").FillAsync(maya);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-result .preview-frame[data-channel='email']")).ToContainTextAsync("Welcome, Maya");
        await Artifacts.ScreenshotAsync(page, "70-content-editor");

        // The journey: the starter's trigger renamed and unkeyed, which breaks its wait step until fixed.
        await page.GotoAsync("/w/default/journeys/new");
        await page.GetByLabel("Slug").FillAsync($"welcome-{id}");
        var builder = page.Locator("#journey-builder");
        await builder.GetByLabel("Name", new() { Exact = true }).FillAsync($"Welcome {id}");
        await builder.Locator("#trigger-kind").SelectOptionAsync("event");
        await builder.Locator("#trigger-event").FillAsync($"Signed Up {id}");
        await builder.Locator("#trigger-key").FillAsync("");
        var wait = builder.Locator(".jb-step[data-node='wait-for-order']");
        await Assertions.Expect(wait.Locator(".jb-errors")).ToContainTextAsync("matchKey");
        await Assertions.Expect(page.Locator("#journey-graph .flow-node.invalid[data-node='wait-for-order']")).ToBeVisibleAsync();
        await wait.GetByLabel("Same key").ClickAsync();
        await Assertions.Expect(wait.Locator(".jb-errors")).ToBeHiddenAsync();

        // A send step from the menus, first in the flow.
        await builder.Locator("#add-step-type").SelectOptionAsync("send");
        await builder.Locator("#add-step-place").SelectOptionAsync("|start");
        await builder.Locator("#add-step").ClickAsync();
        var send = builder.Locator(".jb-step[data-node='send-1']");
        await send.GetByLabel("Content").SelectOptionAsync($"welcome-{id}");
        await send.GetByLabel("Channel").SelectOptionAsync("email");
        await Assertions.Expect(builder.Locator("#start-step")).ToHaveValueAsync("send-1");
        await Assertions.Expect(builder.Locator(".jb-errors:visible")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#journey-graph .flow-node")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#journey-graph .flow-node.invalid")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "71-journey-builder");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("#journey-saved")).ToContainTextAsync("Published");
        await Assertions.Expect(page.Locator("#journey-status")).ToHaveTextAsync("live");
        await Assertions.Expect(page.Locator("#journey-version")).ToHaveTextAsync("v1");
        var (_, stored) = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/journeys/welcome-{id}/versions");
        var definition = JsonDocument.Parse(stored).RootElement[0].GetProperty("definition");
        Assert.Equal("send-1", definition.GetProperty("start").GetString());
        Assert.Equal($"Signed Up {id}", definition.GetProperty("trigger").GetProperty("event").GetProperty("name").GetString());

        // Three people sign up: they enter, and the page shows it.
        foreach (var person in new[] { "a", "b", "c" })
            await node.SendAsync("/v1/track", $$"""{"userId":"jb-{{id}}-{{person}}","event":"Signed Up {{id}}"}""");
        await node.AudiencesCaughtUpAsync();
        var entered = page.Locator("#tile-entered [data-value]");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await entered.TextContentAsync() != "3" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(entered).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#journey-graph .flow-node[data-node='send-1'] .flow-count")).ToHaveTextAsync("3");
        await Artifacts.ScreenshotAsync(page, "72-journey-counts");

        await page.GotoAsync("/w/default/journeys");
        var row = page.Locator($"#journeys-table tr[data-slug='welcome-{id}']");
        await Assertions.Expect(row.Locator("[data-count='entered']")).ToHaveTextAsync("3");
        await Assertions.Expect(row).ToContainTextAsync("live");
        await Artifacts.ScreenshotAsync(page, "73-journeys-list");
    }

    [Fact]
    public async Task Publishing_an_invalid_journey_is_refused_with_the_error_next_to_its_step()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        string id = Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/w/default/journeys/new");
        await page.GetByLabel("Slug").FillAsync($"broken-{id}");
        var builder = page.Locator("#journey-builder");
        await builder.Locator("#add-step-type").SelectOptionAsync("send");
        await builder.Locator("#add-step-place").SelectOptionAsync("|start");
        await builder.Locator("#add-step").ClickAsync();
        await builder.Locator(".jb-step[data-node='send-1']").GetByLabel("Content").SelectOptionAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("#journey-errors")).ToContainTextAsync("Nothing was published");
        await Assertions.Expect(page.Locator(".jb-step[data-node='send-1'] .jb-errors")).ToContainTextAsync("content");
        var (status, body) = await node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/journeys/broken-{id}");
        Assert.Equal(200, status);
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("liveVersion").GetInt32());
    }

    [Fact]
    public async Task A_marketer_sets_a_frequency_cap_in_the_contact_policy()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/settings/contact-policy");
        await page.GetByLabel("Cap 1 channel").SelectOptionAsync("email");
        await page.GetByLabel("Cap 1 maximum").FillAsync("0");
        await page.GetByLabel("Cap 1 days").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact policy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#policy-errors")).ToContainTextAsync("caps[0].max");

        await page.GetByLabel("Cap 1 channel").SelectOptionAsync("email");
        await page.GetByLabel("Cap 1 maximum").FillAsync("2");
        await page.GetByLabel("Cap 1 days").FillAsync("7");
        await page.GetByLabel("From (HH:mm)").FillAsync("21:00");
        await page.GetByLabel("To (HH:mm)").FillAsync("08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact policy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#policy-saved")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "74-contact-policy");
        var (_, body) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/contact-policy");
        var policy = JsonDocument.Parse(body).RootElement;
        var cap = Assert.Single(policy.GetProperty("caps").EnumerateArray());
        Assert.Equal(("email", 2, 7), (cap.GetProperty("channel").GetString(), cap.GetProperty("max").GetInt32(), cap.GetProperty("days").GetInt32()));
        Assert.Equal("21:00", policy.GetProperty("quietHours").GetProperty("from").GetString());
    }

    [Fact]
    public async Task A_viewer_replays_the_abandoned_cart_over_the_demo_history_and_sees_who_would_have_been_emailed()
    {
        var (email, password) = await node.AddUserAsync("Viewer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/journeys/abandoned-cart");
        await page.Locator("#journey-dry-run").ClickAsync();
        await Assertions.Expect(page.Locator("#journey-versions li[data-version='1']")).ToContainTextAsync("live");

        await page.GetByLabel("Over the last").FillAsync("90");
        await page.Locator("#dry-run-submit").ClickAsync();
        var rows = page.Locator("#dry-run-messages tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.All(await rows.Locator("td:nth-child(4)").AllTextContentsAsync(), content => Assert.Equal("cart-reminder", content));
        var to = await rows.First.Locator("td:nth-child(2) a").TextContentAsync();
        Assert.StartsWith("prf_", to, StringComparison.Ordinal);
        var shown = int.Parse((await page.Locator("#dry-messages [data-value]").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown >= await rows.CountAsync());
        await Artifacts.ScreenshotAsync(page, "73-journey-dry-run");

        // One profile at a time, and a wrong id says what a right one looks like.
        await page.GetByLabel("One profile").FillAsync(to!);
        await page.Locator("#dry-run-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#dry-run-messages tbody tr td:nth-child(2)").First).ToHaveTextAsync(to!);
        await page.GetByLabel("One profile").FillAsync("maya");
        await page.Locator("#dry-run-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#dry-run-problem")).ToContainTextAsync("prf_123");
    }

    [Fact]
    public async Task The_demo_ships_four_live_journeys_each_with_what_it_did_over_the_recorded_history()
    {
        var (email, password) = await node.AddUserAsync("Viewer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/journeys");
        foreach (var slug in new[] { "abandoned-cart", "welcome-series", "win-back-vips", "birthday-offer" })
        {
            var row = page.Locator($"#journeys-table tr[data-slug='{slug}']");
            await Assertions.Expect(row.Locator(".status-pill")).ToHaveTextAsync("live");
            await Assertions.Expect(row.Locator("td[data-history='replayed']")).ToContainTextAsync("entered");
        }

        await Artifacts.ScreenshotAsync(page, "74-journeys-demo");

        // The stored history is the engine's dry run over the same recorded period: replaying it again gives the same figures.
        var (_, list) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/journeys");
        var histories = JsonDocument.Parse(list).RootElement.EnumerateArray()
            .Where(j => j.TryGetProperty("history", out var h) && h.ValueKind == JsonValueKind.Object)
            .ToDictionary(j => j.GetProperty("slug").GetString()!, j => j.GetProperty("history"));
        Assert.True(histories["abandoned-cart"].GetProperty("entered").GetInt32() > 0);
        Assert.True(histories["welcome-series"].GetProperty("messages").GetInt32() > 0);
        var (status, replay) = await node.AdminAsync(HttpMethod.Post, "/api/v1/workspaces/default/journeys/abandoned-cart/dry-run?days=90");
        Assert.Equal(200, status);
        var again = JsonDocument.Parse(replay).RootElement;
        Assert.Equal(histories["abandoned-cart"].GetProperty("entered").GetInt32(), again.GetProperty("entered").GetInt32());
        Assert.Equal(histories["abandoned-cart"].GetProperty("messages").GetInt32(), again.GetProperty("messageCount").GetInt32());

        await page.GetByRole(AriaRole.Link, new() { Name = "Abandoned cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("#journey-history")).ToContainTextAsync("nothing sent");
    }

    [Fact]
    public async Task A_marketer_sees_a_refused_webhook_in_the_dead_letters_with_its_error_and_queues_it_again()
    {
        string id = Guid.NewGuid().ToString("N")[..6];
        // The receiving end refuses for good: the node's own ingestion endpoint without a write key (401).
        var (status, body) = await node.AdminAsync(HttpMethod.Put, $"/api/v1/workspaces/default/journeys/hook-{id}", $$$"""
            {"version":1,"name":"Hook {{{id}}}","trigger":{"event":{"name":"Hooked {{{id}}}"}},"entry":{"rule":"once"},
             "start":"call","nodes":[{"id":"call","type":"webhook","url":"{{{new Uri(node.BaseAddress, "v1/batch")}}}","method":"POST","next":"done"},{"id":"done","type":"exit"}]}
            """);
        Assert.True(status is 200 or 201, body);
        (status, body) = await node.AdminAsync(HttpMethod.Post, $"/api/v1/workspaces/default/journeys/hook-{id}/publish");
        Assert.True(status is 200 or 201, body);
        await node.SendAsync("/v1/track", $$$"""{"userId":"hook-{{{id}}}","event":"Hooked {{{id}}}"}""");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if ((await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/outbox/dead-letters")).Body.Contains($"Hook {id}", StringComparison.Ordinal))
                break;
        }

        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/journeys");
        var row = page.Locator("#dead-letters tr", new() { HasText = $"Hook {id}" });
        await Assertions.Expect(row.Locator(".dead-letter-error")).ToContainTextAsync("401");
        await Artifacts.ScreenshotAsync(page, "75-dead-letters");
        await row.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dead-letter-retried")).ToBeVisibleAsync();
    }
}
