using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Events;
using Omnia.Core.Workspaces;
using Omnia.Server.Processing;

namespace Omnia.Server.Ingestion;

/// <summary>
/// The Segment HTTP API: <c>POST /v1/track|identify|page|screen|group|alias|batch</c>, and analytics.js's short
/// routes <c>/v1/t|i|p|s|g|a|b</c>, authenticated with the source's write key (HTTP Basic, or <c>writeKey</c> in
/// the body). Bodies are read as JSON whatever their Content-Type (analytics.js sends <c>text/plain</c>).
/// A 200 is sent only after the accepted events are durable in the log.
/// </summary>
public static class IngestionApi
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Ingestion (Segment HTTP API)").DisableAntiforgery();
        foreach (var type in Enum.GetValues<EventType>())
        {
            var single = type;
            string name = EventTypes.Name(type);
            foreach (var path in new[] { name, name[..1] })
            {
                group.MapPost("/" + path, (HttpContext http, WriteKeys keys, EventIngestor ingestor, ProcessingService processing, TimeProvider clock, CancellationToken ct) =>
                        IngestAsync(http, single, keys, ingestor, processing, clock, ct))
                    .WithSummary(path.Length == 1 ? $"Segment {name} call (analytics.js's short route)" : $"Segment {name} call");
            }
        }

        foreach (var path in new[] { "batch", "b", "import" })
        {
            group.MapPost("/" + path, (HttpContext http, WriteKeys keys, EventIngestor ingestor, ProcessingService processing, TimeProvider clock, CancellationToken ct) =>
                    IngestAsync(http, null, keys, ingestor, processing, clock, ct))
                .WithSummary($"Segment batch call{(path == "batch" ? "" : $" (/{path})")}: up to 500 KB of events");
        }

        group.MapPost("/m", () => TypedResults.NoContent())
            .WithSummary("analytics.js's own metrics: accepted and discarded");
        group.MapGet("/projects/{writeKey}/settings", SdkSettings.GetAsync)
            .WithSummary("The settings analytics.js loads (cdnURL pointing at Omnia): sends its events back here");
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
        var (body, bodyProblem) = await RequestBody.ReadAsync(http.Request, limit, single is null
            ? "A batch may be at most 500 KB; split it into smaller batches."
            : "A single event may be at most 32 KB; trim its properties or context.", ct).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
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

            string? origin = http.Request.Headers.Origin;
            if (!WebOrigins.Allows(source, origin))
            {
                return Problems.Forbidden($"The source '{source.Name}' takes browser events only from its allowed origins, and {origin} is not one; add it to the source's allowedOrigins.");
            }

            EventParseResult result;
            try
            {
                result = request.Extract(single, source.WorkspaceId, source.Id, receivedAt, HeaderSentAt(http.Request), HeaderAnonymousId(http.Request));
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

    /// <summary>RudderStack's SDKs send the time of sending as a <c>SentAt</c> header too.</summary>
    private static DateTimeOffset? HeaderSentAt(HttpRequest request) =>
        request.Headers["SentAt"].ToString() is { Length: >= 10 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sentAt)
            ? sentAt
            : null;

    /// <summary>RudderStack's SDKs send the anonymous id base64-encoded as an <c>AnonymousId</c> header.</summary>
    private static string? HeaderAnonymousId(HttpRequest request)
    {
        string header = request.Headers["AnonymousId"].ToString();
        if (header.Length is 0 or > 400)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[300];
        return Convert.TryFromBase64String(header, bytes, out int written) && written is > 0 and <= EventLimits.MaxIdLength
            && System.Text.Unicode.Utf8.IsValid(bytes[..written])
            ? Encoding.UTF8.GetString(bytes[..written])
            : null;
    }
}

/// <summary>Segment's <c>{"success": true}</c>, plus what Omnia did with each event.</summary>
public sealed record IngestionResponse(bool Success, int Accepted, int Duplicates, IReadOnlyList<RejectedEvent>? Rejected);

/// <summary>An event of a batch that was not stored, and why.</summary>
public sealed record RejectedEvent(int Index, string? MessageId, IReadOnlyList<string> Errors);
