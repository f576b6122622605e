using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Profiles;

namespace Omnia.Server.Content;

/// <summary>
/// Content items (a variant per channel, Liquid, docs/messaging.md): list, read, save (refused with every error when
/// invalid; answered with its constraint and consistency issues), delete, and preview with a real profile.
/// </summary>
public static class ContentApi
{
    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/content").WithTags("Content").RequireWorkspaceAccess();
        group.MapGet("/", ListAsync).RequireRole(Role.Viewer).WithSummary("Content items with their channels and versions");
        group.MapPost("/check", CheckAsync).RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly)
            .WithSummary("Check a draft item without saving it: its errors, or its channel constraint and consistency issues");
        group.MapPost("/preview", (WorkspaceContext w, string? profile, HttpRequest r, ContentLibrary l, CancellationToken ct) => PreviewAsync(w, null, profile, r, l, ct))
            .RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly)
            .WithSummary("Render a draft item (the body) for a real profile (?profile=prf_…), with each variant's issues; nothing is sent");
        group.MapGet("/{slug}", GetAsync).RequireRole(Role.Viewer).WithSummary("One content item with its issues");
        group.MapPut("/{slug}", PutAsync).RequireRole(Role.Marketer)
            .WithSummary("Create or replace a content item (refused with every error when invalid; answered with its constraint and consistency issues)");
        group.MapDelete("/{slug}", DeleteAsync).RequireRole(Role.Marketer).WithSummary("Delete a content item");
        group.MapPost("/{slug}/preview", (WorkspaceContext w, string slug, string? profile, HttpRequest r, ContentLibrary l, CancellationToken ct) => PreviewAsync(w, slug, profile, r, l, ct))
            .RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly)
            .WithSummary("Render a saved item for a real profile (?profile=prf_…), with each variant's issues; nothing is sent");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ContentSummary>>> ListAsync(WorkspaceContext w, ContentLibrary library, CancellationToken ct) =>
        TypedResults.Ok(await library.ListAsync(w.Id, ct));

    private static async Task<Results<Ok<ContentView>, ProblemHttpResult>> GetAsync(WorkspaceContext w, string slug, ContentLibrary library, CancellationToken ct) =>
        await library.GetAsync(w.Id, slug, ct) is { } view ? TypedResults.Ok(view) : NoSuchContent(slug);

    private static async Task<Results<Ok<ContentCheckView>, ProblemHttpResult>> CheckAsync(HttpRequest request, ContentLibrary library, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
            return problem;
        return TypedResults.Ok(library.Check(body.Json!));
    }

    private static async Task<Results<Ok<ContentView>, Created<ContentView>, ProblemHttpResult>> PutAsync(
        WorkspaceContext w, string slug, HttpRequest request, ContentLibrary library, AuditLog audit, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
            return problem;
        var before = await library.FindAsync(w.Id, slug, ct);
        var outcome = await library.SaveAsync(w.Id, slug, body.Json!, ct);
        if (outcome.Content is not { } saved)
            return Problems.BadRequest($"The content item has {outcome.Errors.Count} problem(s); nothing was saved. See docs/messaging.md for the format.", outcome.Errors);
        await audit.RecordAsync(request.HttpContext, "content.saved", slug, before is null ? null : new { version = before.Version }, new { version = saved.Version });
        return outcome.Created ? TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/content/{slug}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        WorkspaceContext w, string slug, HttpContext http, ContentLibrary library, AuditLog audit, CancellationToken ct)
    {
        var before = await library.FindAsync(w.Id, slug, ct);
        if (!await library.DeleteAsync(w.Id, slug, ct))
            return NoSuchContent(slug);
        await audit.RecordAsync(http, "content.deleted", slug, new { version = before?.Version }, null);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> PreviewAsync(
        WorkspaceContext w, string? slug, string? profile, HttpRequest request, ContentLibrary library, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(profile, out long profileId))
            return Problems.BadRequest(profile is null
                ? "Name the profile to preview with: ?profile=prf_123 (Profiles shows each profile's id)."
                : $"'profile' must be a profile id such as prf_123; '{profile}' is not one.");
        string? draft = null;
        if (slug is null)
        {
            var body = await ReadBodyAsync(request, ct);
            if (body.Problem is { } problem)
                return problem;
            draft = body.Json;
        }

        var outcome = await library.PreviewAsync(w.Id, slug, draft, profileId, ct);
        if (outcome.NotFound is { } notFound)
            return Problems.NotFound(notFound);
        return outcome.Preview is { } preview
            ? TypedResults.Ok(preview)
            : Problems.BadRequest($"The content item has {outcome.Errors.Count} problem(s); fix them to see a preview.", outcome.Errors);
    }

    private static ProblemHttpResult NoSuchContent(string slug) => Problems.NotFound($"There is no content '{slug}' in this workspace; GET /content lists them.");

    private static async Task<(string? Json, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        string tooLarge = $"A content item may be at most {ContentLibrary.MaxContentBytes / 1024} KB.";
        if (request.ContentLength > ContentLibrary.MaxContentBytes)
            return (null, Problems.TooLarge(tooLarge));
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[ContentLibrary.MaxContentBytes + 1];
        int read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > ContentLibrary.MaxContentBytes)
            return (null, Problems.TooLarge(tooLarge));
        return read == 0
            ? (null, Problems.BadRequest("The body is empty; send a content item (docs/messaging.md)."))
            : (new string(buffer, 0, read), null);
    }
}
