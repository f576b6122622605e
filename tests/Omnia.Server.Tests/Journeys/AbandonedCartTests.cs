using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Journeys;
using Omnia.Server.Messaging;
using Omnia.Server.Tests.Messaging;

namespace Omnia.Server.Tests.Journeys;

/// <summary>
/// The demo's abandoned-cart journey end to end: events through HTTP ingestion, the journey engine, the outbox, the
/// dispatcher, a real SMTP server. Adds carry timestamps more than an hour old, so the hour has passed in event time
/// when they arrive and the engine's timer is due at once (no clock is faked).
/// </summary>
public sealed class AbandonedCartTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private TestNode _node = null!;
    private int _workspace;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _node = await TestNode.StartAsync(directory: Directory.CreateTempSubdirectory("jr-cart-").FullName, configure: o => o with { SmtpUrl = _smtp.Url() });
        _workspace = (await _node.App.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default"))!.Id;
        await _node.App.Services.GetRequiredService<DemoJourneyInstaller>().InstallAsync(_workspace);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_cart_without_an_order_within_the_hour_gets_one_email_that_names_the_product_and_carries_unsubscribe_headers()
    {
        await PersonAsync("maya", consent: true);
        await CartAsync("maya", "cart-1", "Trailblazer hiking boot", TimeSpan.FromHours(2));

        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("maya@example.com", email.To.Mailboxes.Single().Address);
        Assert.Contains("Trailblazer hiking boot", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Trailblazer hiking boot", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/u/", email.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        var item = await SettledAsync("maya");
        Assert.Equal(OutboxStatus.Done, item.Status);
        Assert.Contains(await TimelineAsync("maya"), e => e.Name == "Message Sent" && e.JsonText.Contains(item.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_of_the_cart_within_the_hour_sends_nothing_while_an_abandoned_cart_in_the_same_batch_does()
    {
        await PersonAsync("ordered", consent: true);
        await PersonAsync("abandoned", consent: true);
        var added = DateTimeOffset.UtcNow - TimeSpan.FromHours(2);
        await BatchAsync(
            Track("ordered", "Product Added", added, """{"cart_id":"c-ordered","name":"Merino socks","price":14}"""),
            Track("ordered", "Order Completed", added.AddMinutes(30), """{"cart_id":"c-ordered","order_id":"o-1","total":14}"""),
            Track("abandoned", "Product Added", added, """{"cart_id":"c-abandoned","name":"Rain jacket","price":89}"""));

        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("abandoned@example.com", email.To.Mailboxes.Single().Address);
        await _node.CatchUpAsync();
        await Task.Delay(500);
        Assert.Single(Directory.GetFiles(_smtp.Directory, "*.eml"));
        Assert.Empty(await OutboxAsync("ordered"));
    }

    [Fact]
    public async Task A_second_add_to_the_same_cart_starts_nothing_new_and_the_one_email_names_both_products()
    {
        await PersonAsync("two-adds", consent: true);
        var added = DateTimeOffset.UtcNow - TimeSpan.FromHours(3);
        await BatchAsync(
            Track("two-adds", "Product Added", added, """{"cart_id":"c-same","name":"Tent","price":300}"""),
            Track("two-adds", "Product Added", added.AddMinutes(5), """{"cart_id":"c-same","name":"Sleeping bag","price":120}"""));

        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        foreach (var product in new[] { "Tent", "Sleeping bag" })
        {
            Assert.Contains(product, email.TextBody, StringComparison.Ordinal);
            Assert.Contains(product, email.HtmlBody, StringComparison.Ordinal);
        }

        await SettledAsync("two-adds");
        await Task.Delay(500);
        Assert.Single(Directory.GetFiles(_smtp.Directory, "*.eml"));
        Assert.Single(await OutboxAsync("two-adds"));
    }

    [Fact]
    public async Task A_person_who_never_gave_email_consent_gets_nothing_and_the_suppression_is_recorded_with_its_reason()
    {
        await PersonAsync("no-consent", consent: null);
        await CartAsync("no-consent", "c-nc", "Kayak", TimeSpan.FromHours(2));

        var item = await SettledAsync("no-consent");
        Assert.Equal(OutboxStatus.Suppressed, item.Status);
        Assert.StartsWith("no_consent", item.Outcome, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_smtp.Directory, "*.eml"));
        var suppressed = Assert.Single(await TimelineAsync("no-consent"), e => e.Name == "Message Suppressed");
        Assert.Contains("\"reason_code\":\"no_consent\"", suppressed.JsonText, StringComparison.Ordinal);

        // The profile's message log says the same, with the reason in words.
        var profile = Omnia.Server.Profiles.ProfileIds.Format((await ProfileAsync("no-consent")).Id);
        using var log = await _node.AdminAsync(HttpMethod.Get, $"/api/v1/workspaces/default/profiles/{profile}/messages");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        var entry = Assert.Single(System.Text.Json.JsonDocument.Parse(await log.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(("suppressed", "cart-reminder", "email", "Abandoned cart"),
            (entry.GetProperty("status").GetString(), entry.GetProperty("content").GetString(), entry.GetProperty("channel").GetString(), entry.GetProperty("journey").GetString()));
        Assert.StartsWith("no_consent", entry.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        using var bad = await _node.AdminAsync(HttpMethod.Get, "/api/v1/workspaces/default/profiles/not-an-id/messages");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_person_over_the_email_cap_gets_nothing_more_with_frequency_cap_recorded()
    {
        Assert.Empty(await _node.App.Services.GetRequiredService<ContactPolicies>().SaveAsync(_workspace,
            """{"version":1,"caps":[{"channel":"email","max":1,"days":1}]}"""));
        await PersonAsync("capped", consent: true);
        await CartAsync("capped", "c-cap-1", "Compass", TimeSpan.FromHours(2));
        Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        await SettledAsync("capped");

        await CartAsync("capped", "c-cap-2", "Headlamp", TimeSpan.FromHours(2));
        var second = await SettledAsync("capped", count: 2);
        Assert.Equal(OutboxStatus.Suppressed, second.Status);
        Assert.StartsWith("frequency_cap", second.Outcome, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_smtp.Directory, "*.eml"));
    }

    [Fact]
    public async Task The_one_click_unsubscribe_post_unsubscribes_and_the_next_cart_is_suppressed_as_unsubscribed()
    {
        await PersonAsync("leaver", consent: true);
        await CartAsync("leaver", "c-l-1", "Water bottle", TimeSpan.FromHours(2));
        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        var link = email.Headers[HeaderId.ListUnsubscribe]!.Split(',').Select(p => p.Trim(' ', '<', '>')).First(p => p.StartsWith("http", StringComparison.Ordinal));
        var path = new Uri(link).PathAndQuery;

        using var page = await _node.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Unsubscribe", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var post = await _node.Client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await _node.CatchUpAsync();
        var profile = await ProfileAsync("leaver");
        Assert.False(profile.Consent["email"].Subscribed);

        await CartAsync("leaver", "c-l-2", "Trail map", TimeSpan.FromHours(2));
        var second = await SettledAsync("leaver", count: 2);
        Assert.Equal(OutboxStatus.Suppressed, second.Status);
        Assert.StartsWith("unsubscribed", second.Outcome, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_smtp.Directory, "*.eml"));
    }

    [Theory]
    [InlineData("/t/o/not-a-token")]
    [InlineData("/t/c/not-a-token")]
    [InlineData("/u/not-a-token")]
    public async Task A_bad_tracking_or_unsubscribe_token_gets_a_problem_not_a_page(string path)
    {
        using var response = await _node.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_click_link_redirects_only_to_the_link_signed_in_it_and_an_edited_token_is_refused()
    {
        await PersonAsync("clicker", consent: true);
        await CartAsync("clicker", "c-click", "Gaiters", TimeSpan.FromHours(2));
        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        var tracked = System.Text.RegularExpressions.Regex.Match(email.HtmlBody ?? "", "href=\"([^\"]*/t/c/[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(tracked);
        var path = new Uri(WebUtility.HtmlDecode(tracked)).PathAndQuery;

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _node.Client.BaseAddress };
        using var redirect = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("https://shop.example.com/cart?c=c-click", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);

        var token = path[(path.LastIndexOf('/') + 1)..];
        var tampered = path[..(path.LastIndexOf('/') + 1)] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        using var refused = await client.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private async Task PersonAsync(string user, bool? consent)
    {
        using var response = await _node.SendAsync("/v1/identify",
            $$"""{"userId":"{{user}}","traits":{"email":"{{user}}@example.com","first_name":"{{user}}"{{(consent is null ? "" : $",\"email_opt_in\":{(consent.Value ? "true" : "false")}")}}},"timestamp":"{{Iso(DateTimeOffset.UtcNow - TimeSpan.FromDays(1))}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task CartAsync(string user, string cart, string product, TimeSpan ago) =>
        BatchAsync(Track(user, "Product Added", DateTimeOffset.UtcNow - ago, $$"""{"cart_id":"{{cart}}","name":"{{product}}","price":10}"""));

    private async Task BatchAsync(params string[] events)
    {
        using var response = await _node.SendAsync("/v1/batch", "{\"batch\":[" + string.Join(",", events) + "]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Track(string user, string name, DateTimeOffset at, string properties) =>
        $$"""{"type":"track","userId":"{{user}}","event":"{{name}}","timestamp":"{{Iso(at)}}","properties":{{properties}}}""";

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<ProfileState> ProfileAsync(string user)
    {
        var profiles = _node.App.Services.GetRequiredService<IProfileStore>();
        var id = await profiles.FindAsync(_workspace, new Identifier(IdentifierTypes.UserId, user));
        return (await profiles.GetAsync(_workspace, id!.Value))!;
    }

    private async Task<IReadOnlyList<OutboxItem>> OutboxAsync(string user) =>
        await _node.App.Services.GetRequiredService<IOutboxStore>().ListAsync(_workspace, (await ProfileAsync(user)).Id, null, 100);

    /// <summary>Waits until the person has <paramref name="count"/> outbox items, all carried out; returns the newest.</summary>
    private async Task<OutboxItem> SettledAsync(string user, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await _node.CatchUpAsync();
            var items = await OutboxAsync(user);
            if (items.Count >= count && items.All(i => i.Status is not OutboxStatus.Pending and not OutboxStatus.Sending))
            {
                // Its message event goes through ingestion after the status; let it land.
                await Task.Delay(200);
                await _node.CatchUpAsync();
                return items.OrderByDescending(i => i.At).First();
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{user}'s outbox did not settle: {string.Join("; ", items.Select(i => $"{i.Key} {i.Status} {i.Outcome}"))}");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<Omnia.Core.Events.LogEvent>> TimelineAsync(string user) =>
        await _node.App.Services.GetRequiredService<IProfileStore>().TimelineAsync((await ProfileAsync(user)).Id, 100);
}
