using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Omnia.Server.Processing;

namespace Omnia.Server.Tests;

/// <summary>Bug 10: when derived state falls too far behind, ingestion refuses with 429 and Retry-After instead of queueing without bound.</summary>
public sealed class BackPressureTests
{
    private static string Batch(int from, int count) =>
        "{\"batch\":[" + string.Join(",", Enumerable.Range(from, count).Select(i => $$"""{"type":"track","userId":"bp-{{i}}","event":"Tick","messageId":"bp-{{i}}"}""")) + "]}";

    [Fact]
    public async Task Ingestion_answers_429_with_retry_after_while_processing_lags_and_accepts_again_once_it_caught_up()
    {
        await using var node = await TestNode.StartAsync(maxDerivedLag: 100);
        var processing = node.App.Services.GetRequiredService<ProcessingService>();
        processing.Pause();

        var accepted = await node.SendAsync("/v1/batch", Batch(0, 150));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var refused = await node.SendAsync("/v1/batch", Batch(150, 10));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("150 events behind", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(150, processing.Lag);

        processing.Resume();
        await node.CatchUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync("/v1/batch", Batch(150, 10))).StatusCode);
        await node.CatchUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await node.LookupAsync("userId", "bp-999")).StatusCode);
        Assert.Equal(1, (await node.ProfileAsync("userId", "bp-155")).GetProperty("eventCount").GetInt32());
    }
}
