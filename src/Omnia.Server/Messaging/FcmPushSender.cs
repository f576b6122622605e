using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Omnia.Core.Content;

namespace Omnia.Server.Messaging;

/// <summary>
/// Sends push notifications through FCM HTTP v1: <c>POST {base}/v1/projects/{project}/messages:send</c> with
/// <c>Authorization: Bearer {access token}</c> (from <see cref="GoogleAccessTokens"/>) and
/// <c>{"message":{"token":…,"notification":{"title":…,"body":…},"data":{"message_id":…,"link":…}}}</c>; an https link
/// is also set as <c>webpush.fcm_options.link</c> so web push opens it. The answer's <c>name</c>
/// (<c>projects/…/messages/…</c>) is the provider id. 404 <c>UNREGISTERED</c> and 400 <c>INVALID_ARGUMENT</c> are
/// permanent (drop the token); 429 and 5xx temporary.
/// </summary>
public sealed class FcmPushSender(HttpClient http, FcmSettings settings, GoogleAccessTokens tokens)
{
    public async Task<ProviderResult> SendAsync(string deviceToken, RenderedMessage push, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceToken);
        ArgumentNullException.ThrowIfNull(push);
        var notification = new JsonObject { ["body"] = push.Body ?? "" };
        if (push.Title is not null)
            notification["title"] = push.Title;
        var data = new JsonObject { ["message_id"] = messageId };
        if (!string.IsNullOrEmpty(push.Link))
            data["link"] = push.Link;
        var message = new JsonObject { ["token"] = deviceToken, ["notification"] = notification, ["data"] = data };
        if (push.Link is { } link && link.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            message["webpush"] = new JsonObject { ["fcm_options"] = new JsonObject { ["link"] = link } };

        var url = new Uri(settings.BaseUrl, $"v1/projects/{Uri.EscapeDataString(settings.Project)}/messages:send");
        try
        {
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new JsonObject { ["message"] = message }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var name = JsonNode.Parse(text)?["name"]?.GetValue<string>();
                return new ProviderResult(ProviderOutcome.Sent, name, "fcm accepted", (int)response.StatusCode);
            }
            return ProviderResult.FromStatus((int)response.StatusCode, ErrorOf(text));
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            return ProviderResult.FromStatus((int)status, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ProviderResult(ProviderOutcome.Failed, null, $"FCM at {settings.BaseUrl.Host}: {e.Message}");
        }
    }

    /// <summary>Google's error: <c>{"error":{"code":404,"message":…,"status":"NOT_FOUND","details":[{"errorCode":"UNREGISTERED"}]}}</c>.</summary>
    private static string ErrorOf(string text)
    {
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            var code = error?["details"]?.AsArray().Select(d => d?["errorCode"]?.GetValue<string>()).FirstOrDefault(c => c is not null);
            return $"{code ?? error?["status"]?.GetValue<string>()}: {error?["message"]?.GetValue<string>()}";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
