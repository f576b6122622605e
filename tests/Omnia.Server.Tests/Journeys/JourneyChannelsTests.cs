using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Core.Content;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Journeys;
using Omnia.Server.Tests.Messaging;

namespace Omnia.Server.Tests.Journeys;

/// <summary>
/// A journey that chooses among push, SMS and email, end to end: events through HTTP ingestion, the engine's
/// choose-channel step, the dispatcher, and the providers' documented APIs on local listeners (Twilio's Messages API,
/// Google's token exchange and FCM HTTP v1, both checking paths, authentication and request format), a real SMTP server
/// for email, and a webhook receiver for the step that posts the rendered body template.
/// </summary>
public sealed class JourneyChannelsTests : IAsyncLifetime
{
    private const string From = "+15005550006";

    private readonly ConcurrentQueue<IFormCollection> _sms = new();
    private readonly FcmPushSenderTests.FakeGoogle _google = new();
    private readonly ConcurrentQueue<(string Body, string? ContentType)> _hooks = new();
    private readonly ConcurrentDictionary<string, int> _pushAttempts = new();
    private SmtpTestServer _smtp = null!;
    private LocalListener _twilio = null!;
    private LocalListener _fcm = null!;
    private LocalListener _receiver = null!;
    private TestNode _node = null!;
    private string _keyDirectory = null!;
    private int _workspace;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _twilio = await TwilioSmsSenderTests.FakeTwilio(_sms, form => form["To"] == "+14155550199"
            ? Results.Json(new { code = 21610, message = "Attempt to send to unsubscribed recipient", status = 400 }, statusCode: 400)
            : null);
        _fcm = await FcmPushSenderTests.Start(_google, message =>
        {
            var token = message["token"]!.GetValue<string>();
            // A device whose first delivery meets an outage: FCM's 503 UNAVAILABLE, then it recovers.
            return token == "flaky-token" && _pushAttempts.AddOrUpdate(token, 1, (_, n) => n + 1) == 1
                ? Results.Json(new { error = new { code = 503, status = "UNAVAILABLE", message = "The service is currently unavailable." } }, statusCode: 503)
                : null;
        });
        _receiver = await LocalListener.StartAsync(app => app.MapPost("/crm", async (HttpRequest request) =>
        {
            _hooks.Enqueue((Encoding.UTF8.GetString(await LocalListener.BodyAsync(request)), request.ContentType));
            return Results.Ok();
        }));
        _keyDirectory = Directory.CreateTempSubdirectory("jr-fcm-key-").FullName;
        var keyPath = Path.Combine(_keyDirectory, "service-account.json");
        await File.WriteAllTextAsync(keyPath, FcmPushSenderTests.KeyJson(_google));
        var settings = new Dictionary<string, string>
        {
            ["OMNIA_TWILIO_ACCOUNT_SID"] = TwilioSmsSenderTests.AccountSid,
            ["OMNIA_TWILIO_AUTH_TOKEN"] = TwilioSmsSenderTests.AuthToken,
            ["OMNIA_TWILIO_FROM"] = From,
            ["OMNIA_TWILIO_BASE_URL"] = _twilio.BaseUrl.AbsoluteUri,
            ["OMNIA_FCM_SERVICE_ACCOUNT"] = keyPath,
            ["OMNIA_FCM_BASE_URL"] = _fcm.BaseUrl.AbsoluteUri,
            ["OMNIA_FCM_TOKEN_URL"] = new Uri(_fcm.BaseUrl, "token").AbsoluteUri,
        };
        _node = await TestNode.StartAsync(directory: Directory.CreateTempSubdirectory("jr-channels-").FullName,
            configure: o => o with { SmtpUrl = _smtp.Url(), ChannelSettings = settings.GetValueOrDefault });
        _workspace = (await _node.App.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync("default"))!.Id;
        await PublishAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _receiver.DisposeAsync();
        await _fcm.DisposeAsync();
        await _twilio.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
    }

    [Fact]
    public async Task A_profile_with_a_push_token_gets_a_push_through_fcm_and_its_message_sent_event_carries_the_fcm_name()
    {
        await PersonAsync("pia", """{"first_name":"Pia","email":"pia@example.com","phone":"+14155550101","email_opt_in":true,"sms_opt_in":true,"push_opt_in":true}""", deviceToken: "fcm-token-pia");
        await SignUpAsync("pia", "pro");

        var item = await SentMessageAsync("pia");
        Assert.Equal(OutboxStatus.Done, item.Status);
        var push = Assert.Single(_google.Messages);
        Assert.Equal("fcm-token-pia", push["token"]!.GetValue<string>());
        Assert.Equal("Welcome Pia", push["notification"]!["title"]!.GetValue<string>());
        Assert.Equal("Your pro plan is ready", push["notification"]!["body"]!.GetValue<string>());
        Assert.Equal("https://shop.example.com/welcome", push["data"]!["link"]!.GetValue<string>());
        Assert.Equal(item.Key, push["data"]!["message_id"]!.GetValue<string>());
        Assert.Equal(1, _google.TokenExchanges);
        Assert.Empty(_sms);
        Assert.Empty(Directory.GetFiles(_smtp.Directory, "*.eml"));
        var sent = await MessageEventAsync("pia", "Message Sent");
        Assert.Equal(("push", "fcm", "projects/omnia-test/messages/0:1"), (Text(sent, "channel"), Text(sent, "provider"), Text(sent, "provider_message_id")));
    }

    [Fact]
    public async Task A_profile_with_only_a_phone_gets_an_sms_through_twilio_to_its_number_in_e164_with_the_sid_recorded()
    {
        await PersonAsync("sam", """{"first_name":"Sam","phone":"(415) 555-0102","sms_opt_in":true}""");
        await SignUpAsync("sam", "basic");

        var item = await SentMessageAsync("sam");
        Assert.Equal(OutboxStatus.Done, item.Status);
        var form = Assert.Single(_sms);
        Assert.Equal(("+14155550102", From, "Hi Sam, welcome to the basic plan"), (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString()));
        Assert.Empty(_google.Messages);
        var sent = await MessageEventAsync("sam", "Message Sent");
        Assert.Equal(("sms", "twilio", "SM00000000000000000000000000000001"), (Text(sent, "channel"), Text(sent, "provider"), Text(sent, "provider_message_id")));
    }

    [Fact]
    public async Task A_profile_with_a_phone_but_no_sms_consent_and_no_push_token_gets_the_email()
    {
        await PersonAsync("eve", """{"first_name":"Eve","email":"eve@example.com","phone":"+14155550103","email_opt_in":true,"push_opt_in":true}""");
        await SignUpAsync("eve", "team");

        var email = Assert.Single(await _smtp.MessagesAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("eve@example.com", email.To.Mailboxes.Single().Address);
        Assert.Equal("Welcome Eve", email.Subject);
        Assert.Equal(OutboxStatus.Done, (await SentMessageAsync("eve")).Status);
        Assert.Empty(_sms);
        Assert.Empty(_google.Messages);
        var sent = await MessageEventAsync("eve", "Message Sent");
        Assert.Equal(("email", "smtp"), (Text(sent, "channel"), Text(sent, "provider")));
    }

    [Fact]
    public async Task A_refusal_from_twilio_records_message_failed_with_twilios_words_and_is_not_retried()
    {
        await PersonAsync("rex", """{"first_name":"Rex","phone":"+14155550199","sms_opt_in":true}""");
        await SignUpAsync("rex", "basic");

        var item = await SentMessageAsync("rex");
        Assert.Equal(OutboxStatus.Failed, item.Status);
        Assert.Equal(1, item.Attempts);
        Assert.Single(_sms);
        var failed = await MessageEventAsync("rex", "Message Failed");
        Assert.Equal(("sms", "twilio"), (Text(failed, "channel"), Text(failed, "provider")));
        Assert.Contains("21610", Text(failed, "reason"), StringComparison.Ordinal);
        Assert.Contains("Attempt to send to unsubscribed recipient", Text(failed, "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_from_fcm_is_retried_with_backoff_and_the_push_goes_out_once_on_the_second_attempt()
    {
        await PersonAsync("flo", """{"first_name":"Flo","push_opt_in":true}""", deviceToken: "flaky-token");
        await SignUpAsync("flo", "pro");

        var item = await SentMessageAsync("flo");
        Assert.Equal(OutboxStatus.Done, item.Status);
        Assert.Equal(2, item.Attempts);
        Assert.Equal(2, _pushAttempts["flaky-token"]);
        Assert.Equal(2, _google.Messages.Count);
        var timeline = await TimelineAsync("flo");
        Assert.Single(timeline, e => e.Name == "Message Sent");
        Assert.DoesNotContain(timeline, e => e.Name == "Message Failed");
    }

    [Fact]
    public async Task A_webhook_step_posts_its_named_template_rendered_for_the_profile_event_and_journey_as_valid_json()
    {
        await PersonAsync("zoe", """{"first_name":"Zoë \"Z\" O'Neil","email":"zoe@example.com","email_opt_in":true}""");
        await SignUpAsync("zoe", "pro");

        var webhook = (await SettledAsync("zoe", 2)).Single(i => i.Kind == OutboxKind.Webhook);
        Assert.Equal(OutboxStatus.Done, webhook.Status);
        var (body, contentType) = Assert.Single(_hooks);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("Zoë \"Z\" O'Neil", json["user"]!.GetValue<string>());
        Assert.Equal("pro", json["plan"]!.GetValue<string>());
        Assert.Equal("Welcome", json["journey"]!.GetValue<string>());
    }

    private async Task PublishAsync()
    {
        var content = await _node.AdminTextAsync(HttpMethod.Put, "/api/v1/workspaces/default/content/welcome", """
            {"version":1,"name":"Welcome","campaign":"welcome",
             "email":{"subject":"Welcome {{ traits.first_name }}","text":"Hello {{ traits.first_name }}, your plan is {{ event.plan }}."},
             "sms":{"text":"Hi {{ traits.first_name }}, welcome to the {{ event.plan }} plan"},
             "push":{"title":"Welcome {{ traits.first_name }}","body":"Your {{ event.plan }} plan is ready","link":"https://shop.example.com/welcome"},
             "webhook":{"body":"{\"user\": {{ traits.first_name | json }}, \"plan\": {{ event.plan | json }}, \"journey\": {{ journey.name | json }}}"}}
            """);
        Assert.True(content.IsSuccessStatusCode, await content.Content.ReadAsStringAsync());
        var json = $$$"""
            {"version":1,"name":"Welcome","trigger":{"event":{"name":"Signed Up"}},"entry":{"rule":"once"},"start":"pick",
             "nodes":[{"id":"pick","type":"chooseChannel","channels":["push","sms","email"],"next":"send"},
                      {"id":"send","type":"send","content":"welcome","channel":"choose","next":"crm"},
                      {"id":"crm","type":"webhook","url":"{{{new Uri(_receiver.BaseUrl, "crm")}}}","body":"welcome","next":"done"},
                      {"id":"done","type":"exit"}]}
            """;
        await _node.App.Services.GetRequiredService<IJourneyStore>().PutDraftAsync(_workspace, "welcome", "Welcome", json);
        var outcome = await _node.App.Services.GetRequiredService<JourneyCatalog>().PublishAsync(_workspace, "welcome", null);
        Assert.True(outcome.Version is not null, string.Join("; ", outcome.Errors));
    }

    private async Task PersonAsync(string user, string traits, string? deviceToken = null)
    {
        var context = deviceToken is null ? "" : $$$""","context":{"device":{"id":"device-{{{user}}}","type":"android","token":"{{{deviceToken}}}"}}""";
        using var response = await _node.SendAsync("/v1/identify",
            $$"""{"userId":"{{user}}","traits":{{traits}},"timestamp":"{{Iso(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5))}}"{{context}}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task SignUpAsync(string user, string plan)
    {
        using var response = await _node.SendAsync("/v1/track",
            $$"""{"userId":"{{user}}","event":"Signed Up","properties":{"plan":"{{plan}}"},"timestamp":"{{Iso(DateTimeOffset.UtcNow)}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<long> ProfileIdAsync(string user) =>
        (await _node.App.Services.GetRequiredService<IProfileStore>().FindAsync(_workspace, new Identifier(IdentifierTypes.UserId, user)))!.Value;

    /// <summary>Waits until the person's message and webhook are both carried out; returns the message.</summary>
    private async Task<OutboxItem> SentMessageAsync(string user) => (await SettledAsync(user, 2)).Single(i => i.Kind == OutboxKind.Message);

    private async Task<IReadOnlyList<OutboxItem>> SettledAsync(string user, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await _node.CatchUpAsync();
            var items = await _node.App.Services.GetRequiredService<IOutboxStore>().ListAsync(_workspace, await ProfileIdAsync(user), null, 10);
            if (items.Count >= count && items.All(i => i.Status is not OutboxStatus.Pending and not OutboxStatus.Sending))
            {
                // The message event goes through ingestion after the status; let it land.
                await Task.Delay(200);
                await _node.CatchUpAsync();
                return items;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{user}'s outbox did not settle: {string.Join("; ", items.Select(i => $"{i.Key} {i.Status} {i.Outcome}"))}");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<Omnia.Core.Events.LogEvent>> TimelineAsync(string user) =>
        await _node.App.Services.GetRequiredService<IProfileStore>().TimelineAsync(await ProfileIdAsync(user), 100);

    private async Task<JsonElement> MessageEventAsync(string user, string name)
    {
        var e = Assert.Single(await TimelineAsync(user), e => e.Name == name);
        using var document = JsonDocument.Parse(e.JsonText);
        return document.RootElement.GetProperty("properties").Clone();
    }

    private static string Text(JsonElement properties, string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
