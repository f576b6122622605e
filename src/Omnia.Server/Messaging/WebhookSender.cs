using System.Text;
using Omnia.Core.Messaging;

namespace Omnia.Server.Messaging;

/// <summary>One webhook call: where, how, the body (JSON unless <see cref="ContentType"/> says otherwise), the idempotency key sent on every attempt, and the signing secret.</summary>
public sealed record WebhookRequest(Uri Url, HttpMethod Method, string? Body, string IdempotencyKey, byte[] Secret)
{
    /// <summary>The body's media type; null: <c>application/json; charset=utf-8</c>.</summary>
    public string? ContentType { get; init; }
}

/// <summary>One attempt: when, what came back, and whether it was final.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, ProviderResult Result);

/// <summary>How a webhook delivery ended: delivered, or dead-lettered after its attempts (see <see cref="Attempts"/>).</summary>
public sealed record WebhookDelivery(bool Delivered, IReadOnlyList<WebhookAttempt> Attempts)
{
    public bool DeadLettered => !Delivered;

    /// <summary>The last attempt's words, for the dead-letter list.</summary>
    public string Detail => Attempts[^1].Result.Detail;
}

/// <summary>
/// Calls webhooks: each request carries <c>Content-Type: application/json</c> (or the request's own type), <c>Omnia-Webhook-Id</c> (the same on every
/// retry) and a fresh <c>Omnia-Signature</c> (<see cref="WebhookSignature"/>). A 2xx answer delivers it; 408, 429, 5xx,
/// timeouts and refused connections are retried after <see cref="RetryBackoff"/> delays; any other 4xx, or the last
/// allowed attempt failing, dead-letters it. Waits use the injected clock.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock, RetryBackoff? backoff = null, Random? random = null)
{
    private readonly RetryBackoff _backoff = backoff ?? RetryBackoff.Default;
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>Makes one attempt.</summary>
    public async Task<ProviderResult> CallAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Encoding.UTF8.GetBytes(request.Body ?? "");
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = request.ContentType is { } type
                ? System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type)
                : new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        message.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, request.IdempotencyKey);
        message.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(request.Secret, body, clock.GetUtcNow()));
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new ProviderResult(ProviderOutcome.Sent, null, $"{(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode)
                : ProviderResult.FromStatus((int)response.StatusCode, response.ReasonPhrase ?? "");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ProviderResult(ProviderOutcome.Failed, null, $"{request.Url.Host}: {e.Message}");
        }
    }

    /// <summary>Attempts until delivered, refused for good, or out of attempts, backing off between tries.</summary>
    public async Task<WebhookDelivery> DeliverAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        var attempts = new List<WebhookAttempt>();
        while (true)
        {
            var at = clock.GetUtcNow();
            var result = await CallAsync(request, cancellationToken).ConfigureAwait(false);
            attempts.Add(new WebhookAttempt(at, result));
            if (result.Outcome == ProviderOutcome.Sent)
                return new WebhookDelivery(true, attempts);
            if (result.Outcome == ProviderOutcome.Rejected || !_backoff.MayRetry(attempts.Count))
                return new WebhookDelivery(false, attempts);
            await Task.Delay(_backoff.Delay(attempts.Count, _random), clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
