using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Events;
using Omnia.Server.Processing;

namespace Omnia.Server.Hosting;

/// <summary><c>GET /health</c>: 200 when the node is ready, 503 while it is still starting.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async Task<Results<Ok<Health>, JsonHttpResult<Health>>> (
            Readiness readiness, IEventStore log, ProcessingService processing, CancellationToken ct) =>
        {
            long last = await log.LastSeqAsync(ct);
            var health = new Health(readiness.Status, last, processing.Checkpoint, last - processing.Checkpoint);
            return readiness.IsReady ? TypedResults.Ok(health) : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").WithSummary("Readiness of this node and how far derived state lags the event log");
        return app;
    }
}

/// <summary>Node status: log position, processed position and the lag between them (events).</summary>
public sealed record Health(string Status, long LogPosition, long ProfilesPosition, long ProfilesLag);
