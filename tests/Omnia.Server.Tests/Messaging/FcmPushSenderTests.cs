using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Omnia.Core.Content;
using Omnia.Server.Messaging;

namespace Omnia.Server.Tests.Messaging;

public class FcmPushSenderTests
{
    internal const string Project = "omnia-test";
    internal const string ClientEmail = "omnia@omnia-test.iam.gserviceaccount.com";

    internal sealed class FakeGoogle
    {
        public RSA Key { get; } = RSA.Create(2048);
        public ConcurrentQueue<JsonObject> Messages { get; } = new();
        public int TokenExchanges;
        public string? LastAudience;
    }

    /// <summary>
    /// Google's side as documented: the token URL takes a form-encoded JWT bearer grant whose RS256 assertion must verify
    /// with the service account's public key and carry iss, scope, aud, iat and exp; FCM's
    /// POST /v1/projects/{project}/messages:send takes {"message":{…}} with the bearer token and answers its name.
    /// <paramref name="answer"/> may answer a well-formed send instead (a test's outage).
    /// </summary>
    internal static Task<LocalListener> Start(FakeGoogle google, Func<JsonObject, IResult?>? answer = null) => LocalListener.StartAsync(app =>
    {
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
                return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
            var parts = form["assertion"].ToString().Split('.');
            var valid = parts.Length == 3 && google.Key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (!valid)
                return Results.Json(new { error = "invalid_grant", error_description = "Invalid JWT Signature." }, statusCode: 400);
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
            google.LastAudience = claims["aud"]!.GetValue<string>();
            var iat = claims["iat"]!.GetValue<long>();
            if (header["alg"]!.GetValue<string>() != "RS256" || header["kid"]?.GetValue<string>() != "key-1"
                || claims["iss"]!.GetValue<string>() != ClientEmail || claims["scope"]!.GetValue<string>() != FcmSettings.Scope
                || claims["exp"]!.GetValue<long>() - iat != 3600)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }
            Interlocked.Increment(ref google.TokenExchanges);
            return Results.Json(new { access_token = "ya29.test-token", expires_in = 3599, token_type = "Bearer" });
        });
        app.MapPost("/v1/projects/{project}/messages:send", async (string project, HttpRequest request) =>
        {
            if (request.Headers.Authorization != "Bearer ya29.test-token")
                return Results.Json(new { error = new { code = 401, status = "UNAUTHENTICATED", message = "Request had invalid authentication credentials." } }, statusCode: 401);
            if (project != Project)
                return Results.Json(new { error = new { code = 403, status = "PERMISSION_DENIED", message = "SenderId mismatch" } }, statusCode: 403);
            var body = JsonNode.Parse(await LocalListener.BodyAsync(request))!.AsObject();
            var message = body["message"]!.AsObject();
            google.Messages.Enqueue(message);
            if (answer?.Invoke(message) is { } answered)
                return answered;
            if (message["token"]!.GetValue<string>() == "stale-token")
            {
                return Results.Json(new
                {
                    error = new { code = 404, status = "NOT_FOUND", message = "Requested entity was not found.", details = new[] { new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = "UNREGISTERED" } } },
                }, statusCode: 404);
            }
            return Results.Json(new { name = $"projects/{project}/messages/0:{google.Messages.Count}" });
        });
    });

    /// <summary>A service account key of the fake project, signed with <paramref name="google"/>'s key.</summary>
    internal static string KeyJson(FakeGoogle google) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = Project,
        ["private_key_id"] = "key-1",
        ["private_key"] = google.Key.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = ClientEmail,
        ["token_uri"] = "https://oauth2.googleapis.com/token",
    });

    private static (FcmPushSender Sender, HttpClient Http) Sender(FakeGoogle google, LocalListener listener)
    {
        var key = ServiceAccountKey.Parse(KeyJson(google));
        var settings = new FcmSettings(key, listener.BaseUrl, new Uri(listener.BaseUrl, "token"));
        var http = new HttpClient();
        return (new FcmPushSender(http, settings, new GoogleAccessTokens(http, key, FcmSettings.Scope, TimeProvider.System, settings.TokenUrl)), http);
    }

    [Fact]
    public async Task A_push_is_sent_with_a_bearer_token_from_the_service_account_exchange_which_is_reused()
    {
        var google = new FakeGoogle();
        await using var listener = await Start(google);
        var (sender, http) = Sender(google, listener);
        using var _ = http;
        var push = new RenderedMessage("push") { Title = "Your cart is waiting", Body = "Trailblazer hiking boot, 129.5 €", Link = "https://shop.example.com/cart" };

        var results = new List<ProviderResult>();
        for (var i = 0; i < 3; i++)
            results.Add(await sender.SendAsync($"device-{i}", push, $"m-{i}"));

        Assert.Equal(["projects/omnia-test/messages/0:1", "projects/omnia-test/messages/0:2", "projects/omnia-test/messages/0:3"], results.Select(r => r.ProviderId));
        Assert.Equal(1, google.TokenExchanges);
        Assert.Equal(new Uri(listener.BaseUrl, "token").AbsoluteUri, google.LastAudience);
        var first = google.Messages.First();
        Assert.Equal("device-0", first["token"]!.GetValue<string>());
        Assert.Equal(("Your cart is waiting", "Trailblazer hiking boot, 129.5 €"), (first["notification"]!["title"]!.GetValue<string>(), first["notification"]!["body"]!.GetValue<string>()));
        Assert.Equal(("m-0", "https://shop.example.com/cart"), (first["data"]!["message_id"]!.GetValue<string>(), first["data"]!["link"]!.GetValue<string>()));
        Assert.Equal("https://shop.example.com/cart", first["webpush"]!["fcm_options"]!["link"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unregistered_device_is_a_permanent_rejection()
    {
        var google = new FakeGoogle();
        await using var listener = await Start(google);
        var (sender, http) = Sender(google, listener);
        using var _ = http;

        var result = await sender.SendAsync("stale-token", new RenderedMessage("push") { Body = "Hi", Link = "shop://cart" }, "m-1");

        Assert.Equal((ProviderOutcome.Rejected, 404), (result.Outcome, result.HttpStatus));
        Assert.Contains("UNREGISTERED", result.Detail);
        Assert.Null(google.Messages.Single()["webpush"]);
    }

    [Fact]
    public async Task A_key_the_token_url_does_not_accept_fails_the_send_without_calling_fcm()
    {
        var google = new FakeGoogle();
        await using var listener = await Start(google);
        var (sender, http) = Sender(new FakeGoogle(), listener);
        using var _ = http;

        var result = await sender.SendAsync("device", new RenderedMessage("push") { Body = "Hi" }, "m-1");

        Assert.Equal(ProviderOutcome.Rejected, result.Outcome);
        Assert.Contains("refused the service account", result.Detail);
        Assert.Empty(google.Messages);
    }
}
