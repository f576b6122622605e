using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Omnia.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class SegmentsTests(DashboardNode node)
{
    private const string Api = "/api/v1/workspaces/default/segments";

    [Fact]
    public async Task A_marketer_downloads_a_segment_as_a_hashed_customer_list_for_meta_from_its_page()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GotoAsync("/w/default/segments/email-subscribers");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#ad-audience-meta").ClickAsync());
        Assert.Equal("email-subscribers-meta.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimEnd('\n').Split('\n');
        Assert.StartsWith("email", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1, "the demo's email subscribers have emails");
        Assert.All(lines[1..], line => Assert.Matches("^[0-9a-f]{64}", line));
    }

    [Fact]
    public async Task A_marketer_writes_a_segment_sees_its_errors_inline_estimates_it_saves_it_and_finds_its_members()
    {
        var (email, password) = await node.AddUserAsync("Marketer");
        var page = await node.SignedInPageAsync(email, password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Segments");
        await page.GetByRole(AriaRole.Link, new() { Name = "New segment" }).ClickAsync();

        var editor = page.GetByLabel("Definition (JSON)");
        await Assertions.Expect(editor).ToHaveValueAsync(new Regex("\"name\": \"Cart abandoners\""));
        await Assertions.Expect(page.Locator("#live-estimate-figure")).ToHaveTextAsync(EstimateSentence());
        await Artifacts.ScreenshotAsync(page, "20-segment-new");
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();

        // A wrong operator: the API's message, with its path, next to the editor; the text stays as typed.
        string id = Guid.NewGuid().ToString("N")[..6];
        string name = $"Repeat buyers {id}";
        string slug = $"repeat-buyers-{id}";
        string invalid = $$$$"""{"version":1,"name":"{{{{name}}}}","condition":{"computed":{"name":"orderCount","op":"most","value":2}}}""";
        await editor.FillAsync(invalid);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        var errors = page.Locator("#segment-errors");
        await Assertions.Expect(errors).ToContainTextAsync("Nothing was saved: the definition has 1 problem.");
        await Assertions.Expect(errors.Locator("li")).ToHaveTextAsync(new Regex(@"^condition\.computed\.op: 'most' is not one of .*gte"));
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveValueAsync(invalid);
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Artifacts.ScreenshotAsync(page, "21-segment-errors");
        Assert.Equal(404, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}")).Status);

        // Estimate the fixed draft: its size and a preview of matching people, still not saved.
        string valid = $$$$"""{"version":1,"name":"{{{{name}}}}","description":"Two orders or more","condition":{"computed":{"name":"orderCount","op":"gte","value":2}}}""";
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.GetByLabel("Definition (JSON)").FillAsync(valid);
        await page.GetByRole(AriaRole.Button, new() { Name = "Estimate size" }).ClickAsync();
        await Assertions.Expect(page.Locator("#estimate-figure")).ToHaveTextAsync(EstimateSentence());
        await Assertions.Expect(page.Locator("#segment-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveValueAsync(valid);
        var preview = page.Locator("#estimate-preview tbody tr");
        int previewed = await preview.CountAsync();
        Assert.InRange(previewed, 1, 10);
        Assert.All(await preview.Locator("th a").EvaluateAllAsync<string[]>("els => els.map(a => a.getAttribute('href'))"),
            href => Assert.Matches("^/w/default/profiles/prf_[0-9]+$", href));
        await Artifacts.ScreenshotAsync(page, "22-segment-estimate");
        Assert.Equal(404, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}")).Status);

        // Save: on to the segment's page; once the audience processor has caught up, the list shows its size.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await page.WaitForURLAsync($"**/w/default/segments/{slug}?saved=created");
        await Assertions.Expect(page.Locator("#segment-saved")).ToContainTextAsync("Segment created.");
        await node.AudiencesCaughtUpAsync();
        long size = await SizeAsync(slug);
        Assert.True(size > 0, "Some demo customers ordered twice.");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Segments" }).ClickAsync();
        var row = page.Locator("#segments-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td[data-size]")).ToHaveTextAsync(size.ToString("#,0", CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync("Two orders or more");
        await Assertions.Expect(row).ToContainTextAsync("Ready");
        await Artifacts.ScreenshotAsync(page, "23-segments-list");

        // The segment's page: size, definition, members linking to their profiles, and the entries of the recompute.
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#tile-size [data-value]")).ToHaveTextAsync(size.ToString("#,0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#segment-definition")).ToContainTextAsync("\"op\": \"gte\"");
        var members = page.Locator("#members-table tbody tr");
        Assert.Equal((int)Math.Min(size, 25), await members.CountAsync());
        await Assertions.Expect(page.Locator("#tile-entered [data-value]")).ToHaveTextAsync(size.ToString("#,0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#latest-transitions li").First).ToContainTextAsync("Entered");
        await Assertions.Expect(page.Locator("#latest-transitions li").First).ToContainTextAsync("on recompute");
        await Assertions.Expect(page.Locator(".chart-box")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit definition" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "24-segment-detail");

        if (size > 25)
        {
            string firstOnPage = await members.First.Locator("th a").InnerTextAsync();
            await page.Locator("#members-next").ClickAsync();
            await Assertions.Expect(members.First.Locator("th a")).Not.ToHaveTextAsync(firstOnPage);
            Assert.InRange(await members.CountAsync(), 1, 25);
        }

        string person = await members.First.Locator("th a").InnerTextAsync();
        await members.First.Locator("th a").ClickAsync();
        await page.WaitForURLAsync(new Regex("/w/default/profiles/prf_[0-9]+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(person == "Anonymous visitor" ? new Regex(".+") : new Regex(Regex.Escape(person)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Editing_a_segment_keeps_its_slug_bumps_its_version_and_members_follow_the_new_rule()
    {
        string slug = $"big-spenders-{Guid.NewGuid():N}"[..19];
        Assert.Equal(201, (await node.AdminAsync(HttpMethod.Put, $"{Api}/{slug}", """{"version":1,"name":"Big spenders","condition":{"computed":{"name":"revenue","op":"gte","value":1000000}}}""")).Status);
        await node.AudiencesCaughtUpAsync();
        Assert.Equal(0, await SizeAsync(slug));

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/segments/{slug}");
        await Assertions.Expect(page.Locator("#members")).ToContainTextAsync("Nobody is in this segment right now");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit definition" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Edit “Big spenders”");
        await Assertions.Expect(page.Locator(".field-static")).ToContainTextAsync(slug);
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var editor = page.GetByLabel("Definition (JSON)");
        string json = await editor.InputValueAsync();
        Assert.Contains("\"value\": 1000000", json);
        await editor.FillAsync(json.Replace("1000000", "1", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await page.WaitForURLAsync($"**/w/default/segments/{slug}?saved=updated");
        await Assertions.Expect(page.Locator("#tile-version [data-value]")).ToHaveTextAsync("2");

        await node.AudiencesCaughtUpAsync();
        long size = await SizeAsync(slug);
        Assert.True(size > 0);
        await page.GotoAsync($"/w/default/segments/{slug}");
        await Assertions.Expect(page.Locator("#tile-size [data-value]")).ToHaveTextAsync(size.ToString("#,0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#members-table tbody tr").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_sees_segments_and_members_but_cannot_create_change_or_delete_them()
    {
        string slug = $"first-timers-{Guid.NewGuid():N}"[..19];
        Assert.Equal(201, (await node.AdminAsync(HttpMethod.Put, $"{Api}/{slug}", """{"version":1,"name":"First-time buyers","description":"Exactly one order","condition":{"computed":{"name":"orderCount","op":"equals","value":1}}}""")).Status);
        await node.AudiencesCaughtUpAsync();
        var (email, password) = await node.AddUserAsync("Viewer");
        var viewer = await node.SignedInPageAsync(email, password);

        await viewer.GotoAsync("/w/default/segments");
        await Assertions.Expect(viewer.Locator("#segments-table tbody tr", new() { HasText = slug })).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "New segment" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("#create-not-allowed")).ToHaveTextAsync("Creating and changing segments needs the marketer role; you are a viewer.");
        await Artifacts.ScreenshotAsync(viewer, "25-segments-as-viewer");

        await viewer.GotoAsync($"/w/default/segments/{slug}");
        await Assertions.Expect(viewer.Locator("#members-table tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Edit definition" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("#delete")).ToHaveCountAsync(0);

        // A viewer may estimate a draft (as the API allows) but not save one; a forged save is refused too.
        await viewer.GotoAsync("/w/default/segments/new");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Save segment" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("#save-not-allowed")).ToContainTextAsync("Saving segments needs the marketer role; you are a viewer.");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Estimate size" }).ClickAsync();
        await Assertions.Expect(viewer.Locator("#estimate-figure")).ToHaveTextAsync(EstimateSentence());

        string token = await viewer.Locator("form.signout input[name=__RequestVerificationToken]").InputValueAsync();
        string sneaky = $"sneaky-{Guid.NewGuid():N}"[..14];
        var forged = await viewer.APIRequest.PostAsync("/w/default/segments/new", new()
        {
            Form = viewer.APIRequest.CreateFormData()
                .Append("_handler", "segment").Append("__RequestVerificationToken", token).Append("Form.Action", "save")
                .Append("Form.Json", $$$$"""{"version":1,"name":"{{{{sneaky}}}}","condition":{"bucket":{"from":0,"to":9999}}}"""),
        });
        Assert.Equal(403, forged.Status);
        Assert.Equal(404, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{sneaky}")).Status);
        var forgedDelete = await viewer.APIRequest.PostAsync($"/w/default/segments/{slug}", new()
        {
            Form = viewer.APIRequest.CreateFormData()
                .Append("_handler", "delete-segment").Append("__RequestVerificationToken", token).Append("Delete.Confirm", slug),
        });
        // The delete form is not rendered for a viewer, so the framework refuses the post before the page's own check.
        Assert.True(forgedDelete.Status is 400 or 403, $"{forgedDelete.Status}: {await forgedDelete.TextAsync()}");
        Assert.Equal(200, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}")).Status);
        await viewer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_segment_another_one_uses_cannot_be_deleted_until_that_one_is_gone()
    {
        string id = Guid.NewGuid().ToString("N")[..6];
        string vips = $"vips-{id}", loyal = $"loyal-vips-{id}";
        Assert.Equal(201, (await node.AdminAsync(HttpMethod.Put, $"{Api}/{vips}", """{"version":1,"name":"VIPs","condition":{"computed":{"name":"revenue","op":"gte","value":300}}}""")).Status);
        Assert.Equal(201, (await node.AdminAsync(HttpMethod.Put, $"{Api}/{loyal}", $$$"""{"version":1,"name":"Loyal VIPs","condition":{"and":[{"segment":"{{{vips}}}"},{"computed":{"name":"orderCount","op":"gte","value":3}}]}}""")).Status);
        await node.AudiencesCaughtUpAsync();

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/default/segments/{vips}");
        await page.GetByLabel($"Type {vips} to confirm").FillAsync("vips");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete segment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#delete-errors")).ToContainTextAsync($"Type the segment's slug, {vips}, to confirm. Nothing was deleted.");

        await page.GetByLabel($"Type {vips} to confirm").FillAsync(vips);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete segment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#delete-errors")).ToContainTextAsync($"Segment '{vips}' is used by '{loyal}'; change those first.");
        await Assertions.Expect(page.Locator("#delete-errors").GetByRole(AriaRole.Link, new() { Name = loyal })).ToBeInViewportAsync();
        await Artifacts.ScreenshotAsync(page, "26-segment-delete-refused");
        Assert.Equal(200, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{vips}")).Status);

        await page.Locator("#delete-errors").GetByRole(AriaRole.Link, new() { Name = loyal }).ClickAsync();
        await page.GetByLabel($"Type {loyal} to confirm").FillAsync(loyal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete segment" }).ClickAsync();
        await page.WaitForURLAsync($"**/w/default/segments?deleted={loyal}#main");
        await Assertions.Expect(page.Locator("#segment-deleted")).ToContainTextAsync($"Segment “{loyal}” was deleted.");
        await Assertions.Expect(page.Locator("#segments-table tbody tr", new() { HasText = loyal })).ToHaveCountAsync(0);

        await page.GotoAsync($"/w/default/segments/{vips}");
        await page.GetByLabel($"Type {vips} to confirm").FillAsync(vips);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete segment" }).ClickAsync();
        await page.WaitForURLAsync($"**/w/default/segments?deleted={vips}#main");
        Assert.Equal(404, (await node.AdminAsync(HttpMethod.Get, $"{Api}/{vips}")).Status);
        Assert.Equal(404, (await page.GotoAsync($"/w/default/segments/{vips}"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"There is no segment '{vips}' in this workspace.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_workspace_without_segments_explains_them_and_starts_from_an_example()
    {
        string workspace = $"shop-{Guid.NewGuid():N}"[..12];
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces") { Content = JsonContent.Create(new { slug = workspace, name = "Pop-up shop" }) })
        {
            request.Headers.Authorization = new("Bearer", DashboardNode.AdminKey);
            using var response = await node.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var page = await node.SignedInPageAsync();
        await page.GotoAsync($"/w/{workspace}/segments");
        await Assertions.Expect(page.Locator(".empty-state")).ToContainTextAsync("No segments yet");
        await Assertions.Expect(page.Locator("#starter-example")).ToContainTextAsync("\"name\": \"Cart abandoners\"");
        await Artifacts.ScreenshotAsync(page, "27-segments-empty");

        await page.GetByRole(AriaRole.Link, new() { Name = "Start from this example" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveValueAsync(new Regex("\"key\": \"cart_id\""));
        await page.GetByRole(AriaRole.Link, new() { Name = "Lapsed VIPs" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Definition (JSON)")).ToHaveValueAsync(new Regex("\"name\": \"Lapsed VIPs\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Estimate size" }).ClickAsync();
        await Assertions.Expect(page.Locator("#estimate-figure")).ToHaveTextAsync("exactly 0 profiles");
        await Assertions.Expect(page.Locator("#estimate-none")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<long> SizeAsync(string slug)
    {
        var (status, body) = await node.AdminAsync(HttpMethod.Get, $"{Api}/{slug}");
        Assert.Equal(200, status);
        return JsonDocument.Parse(body).RootElement.GetProperty("size").GetInt64();
    }

    [GeneratedRegex(@"^(exactly [\d,]+ profiles?|≈ [\d,]+ profiles? \(95%: [\d,]+–[\d,]+\), from [\d,]+ sampled of [\d,]+)$")]
    private static partial Regex EstimateSentence();
}
