using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Journeys;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Profiles;

namespace Omnia.Server.Journeys;

/// <summary>
/// Journeys: drafts (saved even when invalid, with their problems), checks, publishing into versions, pause, resume
/// and archive, live counts per step and variant, and dry runs over recorded history (docs/journeys.md).
/// </summary>
public static class JourneysApi
{
    public static IEndpointRouteBuilder MapJourneysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/journeys").WithTags("Journeys").RequireWorkspaceAccess();
        var outbox = app.MapGroup("/api/v1/workspaces/{workspace}/outbox").WithTags("Journeys").RequireWorkspaceAccess();
        outbox.MapGet("/dead-letters", async (WorkspaceContext w, Messaging.DeadLetters letters, CancellationToken ct) => TypedResults.Ok(await letters.ListAsync(w.Id, ct)))
            .RequireRole(Role.Viewer).WithSummary("Webhook calls the dispatcher gave up on, newest first, with the last error");
        outbox.MapPost("/dead-letters/{key}/retry", RetryAsync).RequireRole(Role.Marketer)
            .WithSummary("Put a dead letter back in the queue (attempts reset, due now; same idempotency key)");
        group.MapGet("/", ListAsync).RequireRole(Role.Viewer)
            .WithSummary("Journeys with their status, live version and counts (entered, active, converted); ?archived=true includes archived ones");
        group.MapPost("/validate", ValidateAsync).RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly)
            .WithSummary("Check a definition without saving it: every problem with its JSON path");
        group.MapGet("/{slug}", GetAsync).RequireRole(Role.Viewer).WithSummary("One journey: its draft, the draft's problems and its counts");
        group.MapPut("/{slug}", PutDraftAsync).RequireRole(Role.Marketer)
            .WithSummary("Save a journey's draft (body: a definition, docs/journeys.md); saved even when invalid, with its problems listed");
        group.MapPost("/{slug}/publish", PublishAsync).RequireRole(Role.Marketer)
            .WithSummary("Publish the draft as the next version and make the journey live (400 with every problem when the draft is invalid)");
        group.MapPost("/{slug}/pause", (WorkspaceContext w, string slug, HttpContext http, JourneyDrafts d, AuditLog a, CancellationToken ct) => StatusAsync(w, slug, JourneyStatus.Paused, http, d, a, ct))
            .RequireRole(Role.Marketer).WithSummary("Stop new entries; running instances finish");
        group.MapPost("/{slug}/resume", (WorkspaceContext w, string slug, HttpContext http, JourneyDrafts d, AuditLog a, CancellationToken ct) => StatusAsync(w, slug, JourneyStatus.Live, http, d, a, ct))
            .RequireRole(Role.Marketer).WithSummary("Take entries again on the live version");
        group.MapPost("/{slug}/archive", (WorkspaceContext w, string slug, HttpContext http, JourneyDrafts d, AuditLog a, CancellationToken ct) => StatusAsync(w, slug, JourneyStatus.Archived, http, d, a, ct))
            .RequireRole(Role.Marketer).WithSummary("Take the journey off the list; running instances finish");
        group.MapGet("/{slug}/versions", VersionsAsync).RequireRole(Role.Viewer).WithSummary("Every published version, newest first");
        group.MapGet("/{slug}/counts", CountsAsync).RequireRole(Role.Viewer).WithSummary("Live counts: entered, active, converted, arrivals per step, exits per reason, assignments and conversions per split variant");
        group.MapPost("/{slug}/dry-run", DryRunAsync).RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly)
            .WithSummary("Replay the draft over one profile (?profile=prf_…) or the last N days (?days=7) of recorded history: what it would have sent to whom, sending nothing");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<JourneySummary>>> ListAsync(WorkspaceContext w, bool? archived, JourneyDrafts drafts, CancellationToken ct) =>
        TypedResults.Ok(await drafts.ListAsync(w.Id, archived ?? false, ct));

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> GetAsync(WorkspaceContext w, string slug, JourneyDrafts drafts, CancellationToken ct) =>
        await drafts.GetAsync(w.Id, slug, ct) is { } view ? TypedResults.Ok(view) : NoSuchJourney(slug);

    private static async Task<Results<Ok<ValidationView>, ProblemHttpResult>> ValidateAsync(WorkspaceContext w, HttpRequest request, JourneyDrafts drafts, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
            return problem;
        var errors = await drafts.CheckAsync(w.Id, body.Json!, ct);
        return TypedResults.Ok(new ValidationView(errors.Count == 0, errors));
    }

    private static async Task<Results<Ok<JourneyView>, Created<JourneyView>, ProblemHttpResult>> PutDraftAsync(
        WorkspaceContext w, string slug, HttpRequest request, JourneyDrafts drafts, AuditLog audit, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
            return problem;
        var before = await drafts.FindAsync(w.Id, slug, ct);
        var outcome = await drafts.SaveDraftAsync(w.Id, slug, body.Json!, ct);
        if (outcome.Journey is not { } saved)
            return Problems.BadRequest(outcome.Refusal!, [outcome.Refusal!]);
        await audit.RecordAsync(request.HttpContext, "journey.draft-saved", slug, before?.DraftJson, body.Json);
        return outcome.Created ? TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/journeys/{slug}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<Results<Ok<VersionView>, ProblemHttpResult>> PublishAsync(
        WorkspaceContext w, string slug, HttpContext http, JourneyDrafts drafts, AuditLog audit, CancellationToken ct)
    {
        var before = await drafts.FindAsync(w.Id, slug, ct);
        var outcome = await drafts.PublishAsync(w.Id, slug, w.Caller.Name, ct);
        if (outcome.Missing)
            return NoSuchJourney(slug);
        if (outcome.Version is not { } version)
            return Problems.BadRequest($"The draft of journey '{slug}' has {outcome.Errors.Count} problem(s); nothing was published. Fix each at its path (docs/journeys.md).", outcome.Errors);
        await audit.RecordAsync(http, "journey.published", slug, new { version = before?.LiveVersion }, new { version = version.Version });
        return TypedResults.Ok(new VersionView(version.Version, version.PublishedAt, version.PublishedBy, true,
            System.Text.Json.JsonDocument.Parse(version.DefinitionJson).RootElement.Clone()));
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> StatusAsync(
        WorkspaceContext w, string slug, JourneyStatus status, HttpContext http, JourneyDrafts drafts, AuditLog audit, CancellationToken ct)
    {
        var before = await drafts.FindAsync(w.Id, slug, ct);
        var outcome = await drafts.SetStatusAsync(w.Id, slug, status, ct);
        if (!outcome.Found)
            return NoSuchJourney(slug);
        if (outcome.Refusal is { } refusal)
            return Problems.Conflict(refusal);
        await audit.RecordAsync(http, "journey.status-changed", slug, new { status = before is null ? null : JourneyDrafts.StatusName(before.Status) }, new { status = JourneyDrafts.StatusName(status) });
        return TypedResults.Ok((await drafts.GetAsync(w.Id, slug, ct))!);
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionView>>, ProblemHttpResult>> VersionsAsync(WorkspaceContext w, string slug, JourneyDrafts drafts, CancellationToken ct) =>
        await drafts.VersionsAsync(w.Id, slug, ct) is { } versions ? TypedResults.Ok(versions) : NoSuchJourney(slug);

    private static async Task<Results<Ok<JourneyCounts>, ProblemHttpResult>> CountsAsync(WorkspaceContext w, string slug, JourneyDrafts drafts, CancellationToken ct) =>
        await drafts.FindAsync(w.Id, slug, ct) is { } stored ? TypedResults.Ok(drafts.Counts(stored.Id)) : NoSuchJourney(slug);

    private static async Task<Results<Ok<DryRunView>, ProblemHttpResult>> DryRunAsync(
        WorkspaceContext w, string slug, string? profile, int? days, JourneyDrafts drafts, CancellationToken ct)
    {
        long? profileId = null;
        if (profile is not null)
        {
            if (!ProfileIds.TryParse(profile, out long id))
                return Problems.BadRequest($"'profile' must be a profile id such as prf_123; '{profile}' is not one.");
            profileId = id;
        }

        if (days is < 1 or > 365)
            return Problems.BadRequest("'days' must be between 1 and 365.");
        var outcome = await drafts.DryRunAsync(w.Id, slug, profileId, days ?? (profileId is null ? 7 : 30), ct);
        if (!outcome.Found)
            return NoSuchJourney(slug);
        return outcome.Report is { } report
            ? TypedResults.Ok(report)
            : Problems.BadRequest($"The dry run of journey '{slug}' could not run: {outcome.Errors.Count} problem(s).", outcome.Errors);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(WorkspaceContext w, string key, Messaging.DeadLetters letters, CancellationToken ct) =>
        key.Length <= 500 && await letters.RetryAsync(w.Id, key, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"There is no dead letter '{(key.Length > 200 ? key[..200] : key)}' in this workspace; GET /outbox/dead-letters lists them.");

    private static ProblemHttpResult NoSuchJourney(string slug) => Problems.NotFound($"There is no journey '{slug}' in this workspace; GET /journeys lists them.");

    private static async Task<(string? Json, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        string tooLarge = $"A journey definition may be at most {JourneyDrafts.MaxDraftBytes / 1024} KB.";
        if (request.ContentLength > JourneyDrafts.MaxDraftBytes)
            return (null, Problems.TooLarge(tooLarge));
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[JourneyDrafts.MaxDraftBytes + 1];
        int read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > JourneyDrafts.MaxDraftBytes)
            return (null, Problems.TooLarge(tooLarge));
        return read == 0
            ? (null, Problems.BadRequest("The body is empty; send a journey definition (docs/journeys.md)."))
            : (new string(buffer, 0, read), null);
    }
}
