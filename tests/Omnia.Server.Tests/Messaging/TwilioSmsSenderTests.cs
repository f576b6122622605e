using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Omnia.Server.Messaging;

namespace Omnia.Server.Tests.Messaging;

public class TwilioSmsSenderTests
{
    internal const string AccountSid = "AC00000000000000000000000000000001";
    internal const string AuthToken = "test-auth-token";

    /// <summary>
    /// Twilio's Messages API as documented: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, Basic auth with the
    /// account SID (or an API key) and its secret, form-encoded To, From or MessagingServiceSid, and Body; 201 with the
    /// message resource, 401 or 400 with Twilio's error JSON otherwise. <paramref name="answer"/> may answer a well-formed
    /// request instead (a test's outage).
    /// </summary>
    internal static Task<LocalListener> FakeTwilio(ConcurrentQueue<IFormCollection> received, Func<IFormCollection, IResult?>? answer = null) => LocalListener.StartAsync(app =>
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpRequest request) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
            if (sid != AccountSid || request.Headers.Authorization != expected)
                return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
            if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
                return Results.Json(new { code = 21000, message = "form-encoded body expected", status = 400 }, statusCode: 400);
            var form = await request.ReadFormAsync();
            received.Enqueue(form);
            if (answer?.Invoke(form) is { } answered)
                return answered;
            if (!form["To"].ToString().StartsWith('+'))
                return Results.Json(new { code = 21211, message = $"The 'To' number {form["To"]} is not a valid phone number.", status = 400 }, statusCode: 400);
            if (string.IsNullOrEmpty(form["Body"]) || (string.IsNullOrEmpty(form["From"]) == string.IsNullOrEmpty(form["MessagingServiceSid"])))
                return Results.Json(new { code = 21602, message = "Message body and exactly one of From or MessagingServiceSid are required.", status = 400 }, statusCode: 400);
            if (form["To"] == "+15005550009")
                return Results.Json(new { code = 20429, message = "Too Many Requests", status = 429 }, statusCode: 429);
            return Results.Json(new { sid = "SM" + received.Count.ToString("D32", System.Globalization.CultureInfo.InvariantCulture), status = "queued", to = form["To"].ToString() }, statusCode: 201);
        }));

    [Fact]
    public async Task An_sms_is_posted_form_encoded_with_basic_auth_and_its_sid_comes_back()
    {
        var received = new ConcurrentQueue<IFormCollection>();
        await using var twilio = await FakeTwilio(received);
        using var http = new HttpClient();
        var sender = new TwilioSmsSender(http, new TwilioSettings(AccountSid, AccountSid, AuthToken, "+15005550006", null, twilio.BaseUrl)
        {
            StatusCallback = new Uri("https://omnia.example/hooks/twilio/status"),
        });

        var result = await sender.SendAsync("+491701234567", "Maya, your cart is waiting: https://shop.example.com/cart");

        Assert.Equal((ProviderOutcome.Sent, "SM00000000000000000000000000000001", 201), (result.Outcome, result.ProviderId, result.HttpStatus));
        var form = Assert.Single(received);
        Assert.Equal(("+491701234567", "+15005550006", "Maya, your cart is waiting: https://shop.example.com/cart", "https://omnia.example/hooks/twilio/status"),
            (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString(), form["StatusCallback"].ToString()));
    }

    [Fact]
    public async Task A_messaging_service_replaces_the_from_number()
    {
        var received = new ConcurrentQueue<IFormCollection>();
        await using var twilio = await FakeTwilio(received);
        using var http = new HttpClient();
        var sender = new TwilioSmsSender(http, new TwilioSettings(AccountSid, AccountSid, AuthToken, null, "MG00000000000000000000000000000002", twilio.BaseUrl));

        Assert.Equal(ProviderOutcome.Sent, (await sender.SendAsync("+15551234567", "Hi")).Outcome);

        var form = Assert.Single(received);
        Assert.Equal(("MG00000000000000000000000000000002", false), (form["MessagingServiceSid"].ToString(), form.ContainsKey("From")));
    }

    [Fact]
    public async Task Twilio_errors_are_permanent_or_temporary_as_their_status_says()
    {
        var received = new ConcurrentQueue<IFormCollection>();
        await using var twilio = await FakeTwilio(received);
        using var http = new HttpClient();
        var sender = new TwilioSmsSender(http, new TwilioSettings(AccountSid, AccountSid, AuthToken, "+15005550006", null, twilio.BaseUrl));
        var wrongToken = new TwilioSmsSender(http, new TwilioSettings(AccountSid, AccountSid, "wrong", "+15005550006", null, twilio.BaseUrl));

        var invalid = await sender.SendAsync("0170 1234567", "Hi");
        var throttled = await sender.SendAsync("+15005550009", "Hi");
        var unauthorised = await wrongToken.SendAsync("+15551234567", "Hi");

        Assert.Equal((ProviderOutcome.Rejected, "400: Twilio error 21211: The 'To' number 0170 1234567 is not a valid phone number."), (invalid.Outcome, invalid.Detail));
        Assert.Equal(ProviderOutcome.Failed, throttled.Outcome);
        Assert.Equal((ProviderOutcome.Rejected, 401), (unauthorised.Outcome, unauthorised.HttpStatus));
    }

    [Fact]
    public async Task An_unreachable_api_is_a_temporary_failure()
    {
        using var http = new HttpClient();
        var sender = new TwilioSmsSender(http, new TwilioSettings(AccountSid, AccountSid, AuthToken, "+15005550006", null, new Uri($"http://127.0.0.1:{OmniaProcess.FreePort()}/")));

        Assert.Equal(ProviderOutcome.Failed, (await sender.SendAsync("+15551234567", "Hi")).Outcome);
    }

    [Fact]
    public void Settings_come_from_the_environment_with_a_clear_message_when_incomplete()
    {
        var env = new Dictionary<string, string>
        {
            ["OMNIA_TWILIO_ACCOUNT_SID"] = AccountSid,
            ["OMNIA_TWILIO_API_KEY"] = "SK01",
            ["OMNIA_TWILIO_API_SECRET"] = "secret",
            ["OMNIA_TWILIO_FROM"] = "+15005550006",
            ["OMNIA_TWILIO_BASE_URL"] = "http://127.0.0.1:9/",
        };

        var settings = TwilioSettings.FromEnvironment(env.GetValueOrDefault)!;

        Assert.Equal((AccountSid, "SK01", "secret", "http://127.0.0.1:9/"), (settings.AccountSid, settings.UserName, settings.Secret, settings.BaseUrl.AbsoluteUri));
        Assert.Null(TwilioSettings.FromEnvironment(_ => null));
        env.Remove("OMNIA_TWILIO_FROM");
        Assert.Contains("OMNIA_TWILIO_FROM", Assert.Throws<FormatException>(() => TwilioSettings.FromEnvironment(env.GetValueOrDefault)).Message);
    }
}
