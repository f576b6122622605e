using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class PersonasTests(DashboardNode node)
{
    [Fact]
    public async Task Personas_describe_themselves_in_plain_words_and_their_sizes_add_up_to_the_profiles_with_events()
    {
        await node.AudiencesCaughtUpAsync();
        var (email, password) = await node.AddUserAsync("Viewer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Personas" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Personas");

        // The demo trains six; whatever the names are now, Omnia's suggestions are still on the page.
        var cards = page.Locator("article.persona");
        Assert.InRange(await cards.CountAsync(), 3, 6);
        string text = await page.Locator("main").InnerTextAsync();
        Assert.Contains(["Store regulars", "App regulars", "Anonymous visitors"], name => text.Contains(name, StringComparison.Ordinal));
        foreach (var card in await cards.AllAsync())
        {
            Assert.NotEmpty((await card.Locator("h2").InnerTextAsync()).Trim());
            var features = card.Locator(".persona-features li");
            Assert.InRange(await features.CountAsync(), 1, 4);
            await Assertions.Expect(features.First).ToHaveTextAsync(FeatureSentence());
            await Assertions.Expect(card.Locator(".persona-channels .channel").First).ToBeVisibleAsync();
            await Assertions.Expect(card.Locator(".persona-figures")).ToContainTextAsync("Revenue share");
        }

        await Assertions.Expect(page.Locator(".persona-features li", new() { HasTextRegex = new Regex(@"share: \d+(\.\d)?% vs \d+(\.\d)?% average") }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".channel-path").First).ToBeVisibleAsync();

        // Every profile with an event has a persona and a lifecycle stage: the two pages count the same people.
        long personas = (await cards.Locator("dd[data-profiles]").EvaluateAllAsync<long[]>("els => els.map(e => Number(e.dataset.profiles))")).Sum();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Lifecycle" }).ClickAsync();
        long staged = (await page.Locator("#stage-bars [data-count]").EvaluateAllAsync<long[]>("els => els.map(e => Number(e.dataset.count))")).Sum();
        Assert.True(personas > 250, $"{personas} profiles have a persona.");
        Assert.Equal(staged, personas);

        // A viewer reads them but cannot rename or retrain.
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#rename-not-allowed")).ToHaveTextAsync("Renaming and retraining personas needs the marketer role; you are a viewer.");
        await Assertions.Expect(page.Locator("details.rename")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retrain personas" })).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "30-personas");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_marketer_renames_a_persona_and_the_new_name_shows_on_the_page_and_on_a_members_profile()
    {
        await node.AudiencesCaughtUpAsync();
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/personas");
        var card = page.Locator("article.persona").First;
        string key = (await card.GetAttributeAsync("data-key"))!;
        string before = await card.Locator("h2").InnerTextAsync();

        // A blank name is refused next to the field, and nothing changes.
        await card.Locator("details.rename summary").ClickAsync();
        var field = card.GetByLabel($"New name for {key}");
        await field.FillAsync("   ");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        card = page.Locator($"#persona-{key}");
        await Assertions.Expect(card.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Give the persona a name of 1 to 80 characters. The name was not changed.");
        await Assertions.Expect(card.GetByLabel($"New name for {key}")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync(before);
        await card.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "31-persona-rename-error.png") });

        string name = $"Weekend browsers {Guid.NewGuid():N}"[..23];
        await card.GetByLabel($"New name for {key}").FillAsync(name);
        await card.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await page.WaitForURLAsync($"**/w/default/personas?renamed={key}#persona-{key}");
        await Assertions.Expect(page.Locator("#persona-renamed")).ToHaveTextAsync($"Persona {key} is now called “{name}”.");
        card = page.Locator($"#persona-{key}");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync(name);
        await Assertions.Expect(card.Locator(".persona-suggested")).ToContainTextAsync("Omnia suggested");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Artifacts.ScreenshotAsync(page, "31-persona-renamed");

        // From the persona to a segment draft of its members, and on to one of them: the profile names the persona.
        await card.GetByRole(AriaRole.Link, new() { Name = $"Build a segment of {name}" }).ClickAsync();
        var editor = page.GetByLabel("Definition (JSON)");
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex($"\"persona\": \"{key}\""));
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex(Regex.Escape($"\"name\": \"Persona: {name}\"")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Estimate size" }).ClickAsync();
        await Assertions.Expect(page.Locator("#estimate-figure")).ToBeVisibleAsync();
        await page.Locator("#estimate-preview tbody tr th a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/default/profiles/prf_[0-9]+$"));
        await Assertions.Expect(page.Locator("#profile-persona")).ToHaveTextAsync(name);
        await page.Locator("#profile-persona a").ClickAsync();
        await page.WaitForURLAsync($"**/w/default/personas#persona-{key}");
        await Assertions.Expect(page.Locator($"#persona-{key} h2")).ToHaveTextAsync(name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_workspace_without_personas_offers_training_and_says_why_it_cannot_train_yet()
    {
        string slug = $"pers-{Guid.NewGuid():N}"[..12];
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces") { Content = JsonContent.Create(new { slug, name = "Persona pilot" }) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardNode.AdminKey);
            using var response = await node.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/{slug}/personas");
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync("No personas yet");
        await Artifacts.ScreenshotAsync(page, "32-personas-empty");

        // The browser's own range check is bypassed to show the page's.
        await page.GetByLabel("Number of personas (optional)").FillAsync("13");
        await page.Locator("form.train-form").EvaluateAsync("form => form.noValidate = true");
        var wrong = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Train personas" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, wrong.Status);
        await Assertions.Expect(page.Locator("#train-errors")).ToContainTextAsync("The number of personas must be a whole number from 2 to 12, not “13”");
        await Assertions.Expect(page.GetByLabel("Number of personas (optional)")).ToHaveValueAsync("13");
        await Assertions.Expect(page.GetByLabel("Number of personas (optional)")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Number of personas (optional)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Train personas" }).ClickAsync();
        await Assertions.Expect(page.Locator("#train-errors")).ToContainTextAsync("There are too few profiles with events to find personas; load more data first.");
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync("No personas yet");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^[▲▼].+: .+ vs .+ average$")]
    private static partial Regex FeatureSentence();
}
