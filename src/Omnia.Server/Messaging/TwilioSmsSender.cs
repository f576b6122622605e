using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Messaging;

/// <summary>
/// Sends SMS through Twilio's Messages API: <c>POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded
/// <c>To</c>, <c>From</c> (or <c>MessagingServiceSid</c>), <c>Body</c> and optionally <c>StatusCallback</c>, with HTTP
/// Basic authentication. A 201 answer's <c>sid</c> is the message's provider id; Twilio's error JSON
/// (<c>code</c>, <c>message</c>) becomes the detail.
/// </summary>
public sealed class TwilioSmsSender(HttpClient http, TwilioSettings settings)
{
    public async Task<ProviderResult> SendAsync(string to, string body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        ArgumentException.ThrowIfNullOrEmpty(body);
        var url = new Uri(settings.BaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");
        var form = new List<KeyValuePair<string, string>> { new("To", to), new("Body", body) };
        if (settings.MessagingServiceSid is { } service)
            form.Add(new("MessagingServiceSid", service));
        else
            form.Add(new("From", settings.From!));
        if (settings.StatusCallback is { } callback)
            form.Add(new("StatusCallback", callback.AbsoluteUri));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Secret}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = TryParse(text);
            var root = json?.RootElement;
            if (response.IsSuccessStatusCode)
            {
                var sid = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("sid", out var s) ? s.GetString() : null;
                var status = root is { ValueKind: JsonValueKind.Object } r2 && r2.TryGetProperty("status", out var st) ? st.GetString() : null;
                return new ProviderResult(ProviderOutcome.Sent, sid, $"twilio {status ?? "accepted"}", (int)response.StatusCode);
            }
            var detail = root is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("message", out var m)
                ? $"Twilio error {(e.TryGetProperty("code", out var c) ? c.ToString() : "?")}: {m.GetString()}"
                : text.Length > 200 ? text[..200] : text;
            return ProviderResult.FromStatus((int)response.StatusCode, detail);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ProviderResult(ProviderOutcome.Failed, null, $"Twilio at {settings.BaseUrl.Host}: {e.Message}");
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
