using System.Text.RegularExpressions;
using Omnia.Core.Demo;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ProfileTests(DashboardNode node)
{
    private static readonly string Maya = DemoDataset.Showcase.Email;

    [Fact]
    public async Task Searching_by_email_finds_Maya_and_her_profile_tells_her_whole_cross_channel_story()
    {
        var page = await node.SignedInPageAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Profiles" }).ClickAsync();
        await page.GetByLabel("Search profiles").FillAsync(Maya);
        await page.GetByLabel("Search profiles").PressAsync("Enter");

        var row = page.Locator("table tbody tr", new() { HasText = DemoDataset.Showcase.Name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(Maya);
        await Artifacts.ScreenshotAsync(page, "04-profiles-search");

        await row.GetByRole(AriaRole.Link, new() { Name = DemoDataset.Showcase.Name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoDataset.Showcase.Name);

        // Identities: the laptop's and phone's anonymous ids, the app's, her user id, email and the iPhone's device id.
        var identities = page.Locator("#identities");
        Assert.True(await identities.Locator("li[data-type=anonymousId]").CountAsync() >= 2, "She browsed anonymously on two browsers.");
        await Assertions.Expect(identities).ToContainTextAsync(DemoDataset.Showcase.LaptopAnonymousId);
        await Assertions.Expect(identities).ToContainTextAsync(DemoDataset.Showcase.PhoneAnonymousId);
        await Assertions.Expect(identities.Locator("li[data-type=userId]")).ToHaveTextAsync(DemoDataset.Showcase.UserId);
        await Assertions.Expect(identities.Locator("li[data-type=email]")).ToHaveTextAsync(Maya);
        await Assertions.Expect(identities.Locator("li[data-type=deviceId]")).ToContainTextAsync(DemoDataset.Showcase.AppDeviceId, new() { IgnoreCase = true });
        await Assertions.Expect(identities).ToContainTextAsync("Anonymous id ×");

        // Revenue from the online and the store order, and the computed traits.
        string revenue = await page.Locator("#tile-revenue [data-value]").InnerTextAsync();
        Assert.Matches(@"^\$[1-9][\d,]*\.\d\d$", revenue);
        await Assertions.Expect(page.Locator("#tile-revenue [data-hint]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[2-9]\d* orders$"));
        await Assertions.Expect(page.Locator("#computed")).ToContainTextAsync("Acquisition channel");
        await Assertions.Expect(page.Locator("#computed dd .channel").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#traits")).ToContainTextAsync(DemoDataset.Showcase.City);
        await Assertions.Expect(page.Locator("#merges li").First).ToContainTextAsync("joined this profile");
        await Artifacts.ScreenshotAsync(page, "05-profile-360");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "05-profile-360-top.png") });

        // The timeline, newest first; "Load older" until her first visit.
        var items = page.Locator("#timeline-list > li");
        int firstPage = await items.CountAsync();
        Assert.True(firstPage > 0);
        while (await page.Locator("#load-older").CountAsync() > 0)
        {
            int before = await items.CountAsync();
            await page.Locator("#load-older").ClickAsync();
            await Assertions.Expect(items).Not.ToHaveCountAsync(before);
        }

        await Assertions.Expect(page.Locator(".timeline-end")).ToHaveTextAsync("That is the first event on this profile.");
        var times = await page.Locator("#timeline-list > li time").EvaluateAllAsync<string[]>("els => els.map(e => e.dateTime)");
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);

        var channels = (await page.Locator("#timeline-list > li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.channel)")).ToHashSet();
        Assert.Contains("email", channels);
        Assert.Contains("store", channels);
        Assert.Contains("support", channels);
        Assert.True(channels.Overlaps(["organic_search", "paid_social", "direct", "in_app", "referral"]), $"Web and app visits are on the timeline: {string.Join(", ", channels)}");
        var badges = await page.Locator("#timeline-list .timeline-meta .channel").AllInnerTextsAsync();
        Assert.Contains("Email", badges);
        Assert.Contains("Store", badges);
        Assert.Contains("Support", badges);
        await Assertions.Expect(page.Locator("#timeline-list").GetByText("Order Completed").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Mayas_profile_shows_her_segments_lifecycle_stage_persona_and_further_computed_traits()
    {
        await node.AudiencesCaughtUpAsync();
        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/profiles?q={Uri.EscapeDataString(Maya)}");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoDataset.Showcase.Name);

        // She bought online and in a store, more than once and recently.
        var audience = page.Locator("#audience");
        await Assertions.Expect(audience.Locator("#profile-stage .stage-pill")).ToHaveTextAsync(new Regex("^(Conversion|Loyalty|Advocacy)$"));
        await Assertions.Expect(page.Locator(".profile-header .stage-pill")).ToHaveTextAsync(await audience.Locator("#profile-stage .stage-pill").InnerTextAsync());
        var persona = audience.Locator("#profile-persona a");
        await Assertions.Expect(persona).ToHaveAttributeAsync("href", new Regex("^/w/default/personas#persona-p[0-9]+$"));
        string personaName = (await persona.InnerTextAsync()).Trim();
        Assert.NotEmpty(personaName);
        var segments = audience.Locator("#profile-segments li");
        Assert.True(await segments.CountAsync() >= 1, "Maya is in at least one demo segment.");
        var computed = page.Locator("#computed");
        await Assertions.Expect(computed.Locator("dd[data-trait=preferredChannel] .channel")).ToBeVisibleAsync();
        await Assertions.Expect(computed.Locator("dd[data-trait=daysSinceLastPurchase]")).ToHaveTextAsync(new Regex(@"^\d+ days?$"));
        await Assertions.Expect(computed.Locator("dd[data-trait=rfmSegment]")).ToHaveTextAsync(new Regex(@"^[A-Z][a-z' ]+$"));
        await Assertions.Expect(computed.Locator("dd[data-trait=rfm]")).ToHaveTextAsync(new Regex(@"^R [1-5] · F [1-5] · M [1-5] \(of 5\)$"));
        await audience.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "35-profile-audience.png") });
        await computed.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "36-profile-computed-traits.png") });

        // Segment names link to the segment's page; the persona to its card.
        var link = segments.GetByRole(AriaRole.Link).First;
        string segment = await link.InnerTextAsync();
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(segment);
        await page.GoBackAsync();
        await page.Locator("#profile-persona a").ClickAsync();
        await Assertions.Expect(page.Locator("article.persona:target h2")).ToHaveTextAsync(personaName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_search_without_matches_and_an_unknown_profile_say_so()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/profiles?q=zz-nobody-has-this");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No profile matches “zz-nobody-has-this”");

        var response = await page.GotoAsync("/w/default/profiles/prf_99999999");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no profile prf_99999999 in this workspace.");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_profile_fits_the_width()
    {
        var page = await node.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/w/default/profiles?q={Uri.EscapeDataString(Maya)}");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoDataset.Showcase.Name);

        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the screen.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "06-profile-phone.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_profiles_list_is_filtered_sorted_and_exported_with_its_true_count()
    {
        var page = await node.SignedInPageAsync();
        await page.GotoAsync("/w/default/profiles");
        var count = page.Locator("#result-count");
        await Assertions.Expect(count).ToContainTextAsync("profiles match");
        long everyone = long.Parse(Regex.Match(await count.InnerTextAsync(), @"^([\d,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("#filter-stage").SelectOptionAsync("loyalty");
        await page.Locator("#filter-sort").SelectOptionAsync("revenue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("stage=loyalty"));
        string text = await count.InnerTextAsync();
        long loyal = long.Parse(Regex.Match(text, @"^([\d,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(loyal, 1, everyone - 1);
        var revenues = (await page.Locator("#profiles-table tbody tr td:nth-child(6)").AllInnerTextsAsync())
            .Select(r => decimal.Parse(r.Replace("$", "").Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(revenues.OrderDescending(), revenues);
        Assert.All(await page.Locator("#profiles-table tbody tr td:nth-child(3)").AllInnerTextsAsync(), s => Assert.Equal("Loyalty", s));
        await Artifacts.ScreenshotAsync(page, "05-profiles-list");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var lines = File.ReadAllLines(await download.PathAsync());
        Assert.StartsWith("id,name,email,user_id", lines[0], StringComparison.Ordinal);
        Assert.Equal(loyal + 1, lines.Length);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owner_erases_a_person_from_their_profile_page_after_typing_its_id()
    {
        await node.SendAsync("/v1/identify", """{"userId":"dash-erase","traits":{"email":"dash.erase@example.com","name":"Dana Erase"}}""");
        await node.CatchUpAsync();
        var (status, body) = await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=dash-erase");
        Assert.Equal(200, status);
        string id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/profiles/{id}");
        var privacy = page.Locator("#privacy");
        await Assertions.Expect(privacy.Locator("#export-person")).ToHaveAttributeAsync("href", new Regex($"privacy/export\\?profile={id}$"));
        await privacy.Locator("#erase-confirm").FillAsync("prf_0");
        await privacy.GetByRole(AriaRole.Button, new() { Name = "Erase this person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erase-errors")).ToContainTextAsync("Nothing was erased");

        await page.Locator("#erase-confirm").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase this person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erased-notice")).ToContainTextAsync("The person was erased: 1 event(s)");
        Assert.Equal(404, (await node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/lookup?type=userId&value=dash-erase")).Status);
        await page.Context.CloseAsync();
    }
}
