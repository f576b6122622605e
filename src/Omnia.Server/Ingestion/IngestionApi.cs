using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Events;
using Omnia.Server.Processing;

namespace Omnia.Server.Ingestion;

/// <summary>
/// The Segment HTTP API: <c>POST /v1/track|identify|page|screen|group|alias|batch</c>, authenticated
/// with the source's write key. A 200 is sent only after the accepted events are durable in the log.
/// </summary>
public static class IngestionApi
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Ingestion (Segment HTTP API)").DisableAntiforgery();
        foreach (var type in Enum.GetValues<EventType>())
        {
            var single = type;
            group.MapPost("/" + EventTypes.Name(type), (HttpContext http, WriteKeys keys, EventIngestor ingestor, ProcessingService processing, TimeProvider clock, CancellationToken ct) =>
                    IngestAsync(http, single, keys, ingestor, processing, clock, ct))
                .WithSummary($"Segment {EventTypes.Name(type)} call");
        }

        group.MapPost("/batch", (HttpContext http, WriteKeys keys, EventIngestor ingestor, ProcessingService processing, TimeProvider clock, CancellationToken ct) =>
                IngestAsync(http, null, keys, ingestor, processing, clock, ct))
            .WithSummary("Segment batch call: up to 500 KB of events");
        return app;
    }

    private static async Task<Results<Ok<IngestionResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext http, EventType? single, WriteKeys keys, EventIngestor ingestor, ProcessingService processing, TimeProvider clock, CancellationToken ct)
    {
        if (processing.IsBehind)
        {
            // Derived state is too far behind: refuse rather than queue without bound. The Segment SDKs retry a 429.
            http.Response.Headers.RetryAfter = "1";
            return Problems.TooManyRequests(
                $"Omnia is {processing.Lag:N0} events behind in processing what it has accepted; nothing was stored. Retry after a second.");
        }

        var receivedAt = clock.GetUtcNow();
        int limit = single is null ? EventLimits.MaxBatchBytes : EventLimits.MaxEventBytes;
        var body = await RequestBody.ReadAsync(http.Request, limit, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.TooLarge(single is null
                ? "A batch may be at most 500 KB; split it into smaller batches."
                : "A single event may be at most 32 KB; trim its properties or context.");
        }

        SegmentRequest request;
        try
        {
            request = SegmentRequest.Parse(body);
        }
        catch (SegmentFormatException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        using (request)
        {
            string? writeKey = WriteKeys.FromAuthorizationHeader(http.Request.Headers.Authorization) ?? request.WriteKey;
            if (writeKey is null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Omnia\"";
                return Problems.Unauthorized("Send the source's write key as the HTTP Basic user name (Authorization: Basic base64(writeKey:)).");
            }

            var source = await keys.FindAsync(writeKey, ct).ConfigureAwait(false);
            if (source is null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"Omnia\"";
                return Problems.Unauthorized("The write key is not known. Copy it from the source's page in the dashboard or the sources API.");
            }

            EventParseResult result;
            try
            {
                result = request.Extract(single, source.WorkspaceId, source.Id, receivedAt);
            }
            catch (SegmentFormatException ex)
            {
                return Problems.BadRequest(ex.Message);
            }

            var rejected = result.Rejected.Select(r => new RejectedEvent(r.Index, r.MessageId, r.Errors)).ToList();
            if (result.Accepted.Count == 0)
            {
                return Problems.BadRequest(
                    single is null ? "No event in the batch is valid; nothing was stored." : "The event is not valid; nothing was stored.",
                    result.Rejected.SelectMany(r => r.Errors.Select(e => single is null ? $"batch[{r.Index}]: {e}" : e)),
                    "The events are not valid");
            }

            // Deliberately not cancelled with the request: once queued, the events are written anyway.
            var outcome = await ingestor.AppendAsync(result.Accepted, CancellationToken.None).ConfigureAwait(false);
            return TypedResults.Ok(new IngestionResponse(true, outcome.Appended, outcome.Duplicates, rejected.Count == 0 ? null : rejected));
        }
    }
}

/// <summary>Segment's <c>{"success": true}</c>, plus what Omnia did with each event.</summary>
public sealed record IngestionResponse(bool Success, int Accepted, int Duplicates, IReadOnlyList<RejectedEvent>? Rejected);

/// <summary>An event of a batch that was not stored, and why.</summary>
public sealed record RejectedEvent(int Index, string? MessageId, IReadOnlyList<string> Errors);
