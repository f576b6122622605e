using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Omnia.Core.Messaging;
using Omnia.Server.Messaging;

namespace Omnia.Server.Tests.Messaging;

public class WebhookSenderTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_receiver_secret");
    private static readonly RetryBackoff Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), 4);

    private sealed record Received(string? Id, bool SignatureValid, string Body, DateTimeOffset At);

    /// <summary>A receiver that verifies each request's signature, then answers with the next status of <paramref name="statuses"/>.</summary>
    private static Task<LocalListener> Receiver(ConcurrentQueue<Received> received, params int[] statuses) => LocalListener.StartAsync(app =>
        app.MapMethods("/hook", ["POST", "PUT"], async (HttpRequest request) =>
        {
            var body = await LocalListener.BodyAsync(request);
            var valid = WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow)
                && request.ContentType == "application/json; charset=utf-8";
            received.Enqueue(new Received(request.Headers[WebhookSignature.IdHeader], valid, Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow));
            if (!valid)
                return Results.StatusCode(401);
            var index = received.Count - 1;
            return Results.StatusCode(index < statuses.Length ? statuses[index] : 200);
        }));

    private static WebhookRequest Request(LocalListener listener, byte[]? secret = null) =>
        new(new Uri(listener.BaseUrl, "hook"), HttpMethod.Post, """{"profile":42,"cart":"c-77"}""", "12:1:9:crm:1:webhook", secret ?? Secret);

    [Fact]
    public async Task A_failing_receiver_is_retried_with_growing_delays_until_it_accepts_each_attempt_signed_under_one_id()
    {
        var received = new ConcurrentQueue<Received>();
        await using var listener = await Receiver(received, 503, 500);
        using var http = new HttpClient();
        var sender = new WebhookSender(http, TimeProvider.System, Fast, new Random(3));

        var delivery = await sender.DeliverAsync(Request(listener));

        Assert.True(delivery.Delivered);
        Assert.Equal([503, 500, 200], delivery.Attempts.Select(a => a.Result.HttpStatus));
        var calls = received.ToArray();
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.All(calls, c => Assert.Equal(("12:1:9:crm:1:webhook", """{"profile":42,"cart":"c-77"}"""), (c.Id, c.Body)));
        var firstGap = calls[1].At - calls[0].At;
        var secondGap = calls[2].At - calls[1].At;
        Assert.True(firstGap >= TimeSpan.FromMilliseconds(9), $"first retry after {firstGap}");
        Assert.True(secondGap >= TimeSpan.FromMilliseconds(19), $"second retry after {secondGap}");
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_dead_lettered_after_the_last_attempt()
    {
        var received = new ConcurrentQueue<Received>();
        await using var listener = await Receiver(received, 500, 502, 503, 504, 500);
        using var http = new HttpClient();

        var delivery = await new WebhookSender(http, TimeProvider.System, Fast, new Random(3)).DeliverAsync(Request(listener));

        Assert.True(delivery.DeadLettered);
        Assert.Equal(4, delivery.Attempts.Count);
        Assert.Equal(4, received.Count);
        Assert.Equal("504: Gateway Timeout", delivery.Detail);
    }

    [Fact]
    public async Task A_refusal_is_dead_lettered_at_once_and_a_wrong_secret_fails_the_receivers_check()
    {
        var received = new ConcurrentQueue<Received>();
        await using var listener = await Receiver(received, 422);
        using var http = new HttpClient();
        var sender = new WebhookSender(http, TimeProvider.System, Fast, new Random(3));

        var refused = await sender.DeliverAsync(Request(listener));
        var forged = await sender.DeliverAsync(Request(listener, Encoding.UTF8.GetBytes("not the secret")));

        Assert.Equal((true, 1, 422), (refused.DeadLettered, refused.Attempts.Count, refused.Attempts[0].Result.HttpStatus));
        Assert.Equal((true, 401), (forged.DeadLettered, forged.Attempts[^1].Result.HttpStatus));
        Assert.False(received.Last().SignatureValid);
    }

    [Fact]
    public async Task An_unreachable_receiver_is_retried_then_dead_lettered()
    {
        using var http = new HttpClient();
        var request = new WebhookRequest(new Uri($"http://127.0.0.1:{OmniaProcess.FreePort()}/hook"), HttpMethod.Post, "{}", "k", Secret);

        var delivery = await new WebhookSender(http, TimeProvider.System, Fast, new Random(3)).DeliverAsync(request);

        Assert.Equal((true, 4), (delivery.DeadLettered, delivery.Attempts.Count));
        Assert.All(delivery.Attempts, a => Assert.Equal(ProviderOutcome.Failed, a.Result.Outcome));
    }
}
