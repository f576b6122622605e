using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Audiences;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Profiles;

namespace Omnia.Server.Audiences;

/// <summary>
/// Segments: save definitions (JSON, docs/segments.md), estimate a draft's size before saving, read members,
/// and follow entries and exits as they happen.
/// </summary>
public static class SegmentsApi
{
    public static IEndpointRouteBuilder MapSegmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/segments").WithTags("Segments").RequireWorkspaceAccess();
        group.MapGet("/", ListAsync).RequireRole(Role.Viewer).WithSummary("Saved segments with their current sizes");
        group.MapPost("/", CreateAsync).RequireRole(Role.Marketer).WithSummary("Save a new segment (body: a segment definition; slug from ?slug= or the name)");
        group.MapPost("/estimate", EstimateAsync).RequireRole(Role.Viewer).WithMetadata(AuditedRequests.ReadOnly).WithSummary("Estimate a draft definition's size (with its 95% interval) and preview members, without saving");
        group.MapGet("/transitions", WorkspaceTransitionsAsync).RequireRole(Role.Viewer).WithSummary("Entries and exits of every segment, oldest first, after an id");
        group.MapGet("/{slug}", GetAsync).RequireRole(Role.Viewer).WithSummary("One segment");
        group.MapPut("/{slug}", PutAsync).RequireRole(Role.Marketer).WithSummary("Create or replace a segment's definition");
        group.MapDelete("/{slug}", DeleteAsync).RequireRole(Role.Marketer).WithSummary("Delete a segment (refused while other segments use it)");
        group.MapGet("/{slug}/ad-audience", AdAudienceAsync).RequireRole(Role.Marketer)
            .WithSummary("The segment's members as an ad platform's customer list (CSV): ?format=meta (Custom Audiences: email, phone as digits) or google (Customer Match: Email, Phone in E.164), normalised and SHA-256 hashed");
        group.MapGet("/{slug}/members", MembersAsync).RequireRole(Role.Viewer).WithSummary("The segment's members now, a page at a time");
        group.MapGet("/{slug}/transitions", TransitionsAsync).RequireRole(Role.Viewer).WithSummary("The segment's entries and exits, oldest first, after an id");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SegmentView>>> ListAsync(WorkspaceContext w, SegmentCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.ListAsync(w.Id, ct));

    private static async Task<Results<Ok<SegmentView>, ProblemHttpResult>> GetAsync(WorkspaceContext w, string slug, SegmentCatalog catalog, CancellationToken ct) =>
        await catalog.GetAsync(w.Id, slug, ct) is { } view ? TypedResults.Ok(view) : NoSuchSegment(slug);

    private static async Task<Results<Created<SegmentView>, ProblemHttpResult>> CreateAsync(
        WorkspaceContext w, string? slug, HttpRequest request, SegmentCatalog catalog, AuditLog audit, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var outcome = await catalog.SaveAsync(w.Id, string.IsNullOrWhiteSpace(slug) ? null : slug, body.Json!, createOnly: true, ct);
        if (outcome.Segment is { } saved)
        {
            await audit.RecordAsync(request.HttpContext, "segment.saved", saved.Slug, null, saved.Definition);
        }

        return outcome switch
        {
            { Segment: { } s } => TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/segments/{s.Slug}", s),
            { ConflictMessage: { } message } => Problems.Conflict(message),
            _ => Invalid(outcome.Errors),
        };
    }

    private static async Task<Results<Ok<SegmentView>, Created<SegmentView>, ProblemHttpResult>> PutAsync(
        WorkspaceContext w, string slug, HttpRequest request, SegmentCatalog catalog, AuditLog audit, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var before = await catalog.GetAsync(w.Id, slug, ct);
        var outcome = await catalog.SaveAsync(w.Id, slug, body.Json!, createOnly: false, ct);
        if (outcome.Segment is { } saved)
        {
            await audit.RecordAsync(request.HttpContext, "segment.saved", saved.Slug, before?.Definition, saved.Definition);
        }

        return outcome switch
        {
            { Segment: { } s, Created: true } => TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/segments/{s.Slug}", s),
            { Segment: { } s } => TypedResults.Ok(s),
            _ => Invalid(outcome.Errors),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        WorkspaceContext w, string slug, HttpContext http, SegmentCatalog catalog, AuditLog audit, CancellationToken ct)
    {
        var before = await catalog.GetAsync(w.Id, slug, ct);
        var outcome = await catalog.DeleteAsync(w.Id, slug, ct);
        if (outcome.Found && outcome.UsedBy.Count == 0)
        {
            await audit.RecordAsync(http, "segment.deleted", slug, before?.Definition, null);
        }

        if (!outcome.Found)
        {
            return NoSuchSegment(slug);
        }

        return outcome.UsedBy.Count > 0
            ? Problems.Conflict($"Segment '{slug}' is used by {string.Join(", ", outcome.UsedBy.Select(s => $"'{s}'"))}; change those first.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<EstimateView>, ProblemHttpResult>> EstimateAsync(
        WorkspaceContext w, int? sample, bool? exact, HttpRequest request, SegmentCatalog catalog, CancellationToken ct)
    {
        var body = await ReadBodyAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (sample is < 100 or > 100_000)
        {
            return Problems.BadRequest("'sample' must be between 100 and 100000 profiles.");
        }

        var outcome = await catalog.EstimateAsync(w.Id, body.Json!, sample ?? SegmentCatalog.DefaultSample, exact ?? false, ct);
        return outcome.Estimate is { } e
            ? TypedResults.Ok(new EstimateView(e.Estimate, e.Low, e.High, e.IsExact, e.Sampled, e.Matched, e.Population, outcome.Examples))
            : Invalid(outcome.Errors, "fix them to see an estimate");
    }

    private static async Task<Results<Ok<MembersPage>, ProblemHttpResult>> MembersAsync(
        WorkspaceContext w, string slug, long? after, int? limit, ISegmentStore segments, SegmentCatalog catalog, CancellationToken ct)
    {
        if (await segments.FindSegmentAsync(w.Id, slug, ct) is not { } segment)
        {
            return NoSuchSegment(slug);
        }

        var (members, next) = await catalog.MembersAsync(segment.Id, after ?? 0, Math.Clamp(limit ?? 50, 1, 500), ct);
        return TypedResults.Ok(new MembersPage(members, next));
    }

    private static async Task<Results<Ok<TransitionPage>, ProblemHttpResult>> TransitionsAsync(
        WorkspaceContext w, string slug, long? after, int? limit, ISegmentStore segments, IAudienceStore audiences, CancellationToken ct)
    {
        if (await segments.FindSegmentAsync(w.Id, slug, ct) is not { } segment)
        {
            return NoSuchSegment(slug);
        }

        var page = await audiences.TransitionsAsync(w.Id, after ?? 0, Math.Clamp(limit ?? 100, 1, 1000), segment.Id, cancellationToken: ct);
        return TypedResults.Ok(Page(page, after ?? 0, new Dictionary<long, string> { [segment.Id] = segment.Slug }));
    }

    private static async Task<Ok<TransitionPage>> WorkspaceTransitionsAsync(
        WorkspaceContext w, long? after, int? limit, ISegmentStore segments, IAudienceStore audiences, CancellationToken ct)
    {
        var slugs = (await segments.ListSegmentsAsync(w.Id, ct)).ToDictionary(s => s.Id, s => s.Slug);
        var page = await audiences.TransitionsAsync(w.Id, after ?? 0, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken: ct);
        return TypedResults.Ok(Page(page, after ?? 0, slugs));
    }

    private static TransitionPage Page(IReadOnlyList<SegmentTransition> transitions, long after, IReadOnlyDictionary<long, string> slugs) => new(
        transitions.Select(t => new TransitionView(
            t.Id, slugs.GetValueOrDefault(t.SegmentId) ?? $"deleted-{t.SegmentId}", ProfileIds.Format(t.ProfileId),
            t.Entered ? "entered" : "exited", t.At, t.Reason.ToString().ToLowerInvariant())).ToList(),
        transitions.Count > 0 ? transitions[^1].Id : after);

    private static async Task<IResult> AdAudienceAsync(
        WorkspaceContext w, string slug, string? format, HttpContext http, ISegmentStore segments, IAudienceStore audiences,
        Omnia.Core.Profiles.IProfileStore profiles, Processing.WorkspaceRules rules, AuditLog audit, CancellationToken ct)
    {
        if (format is not ("meta" or "google"))
            return Problems.BadRequest($"'format' must be meta (Meta Custom Audiences) or google (Google Customer Match); '{format}' is neither.");
        if (await segments.FindSegmentAsync(w.Id, slug, ct) is not { } segment)
            return NoSuchSegment(slug);

        var members = new List<Omnia.Core.Messaging.AudienceMember>();
        for (long after = 0; ;)
        {
            var ids = await audiences.MembersAsync(segment.Id, after, 1_000, ct);
            foreach (var profile in await profiles.GetManyAsync(ids, ct))
            {
                var identifiers = await profiles.IdentifiersAsync(profile.Id, ct);
                string? Trait(string name) => profile.Traits.TryGetValue(name, out var t) ? t.Value.String : null;
                members.Add(new Omnia.Core.Messaging.AudienceMember(
                    [.. new[] { Trait("email") }.OfType<string>(), .. identifiers.Where(i => i.Type == Omnia.Core.Identity.IdentifierTypes.Email).Select(i => i.Value)],
                    [.. new[] { Trait("phone") }.OfType<string>(), .. identifiers.Where(i => i.Type == Omnia.Core.Identity.IdentifierTypes.Phone).Select(i => i.Value)]));
            }

            if (ids.Count < 1_000)
                break;
            after = ids[^1];
        }

        var region = rules.For(w.Id).Identity.DefaultPhoneRegion;
        using var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        int rows = format == "meta" ? Omnia.Core.Messaging.AdAudience.WriteMeta(csv, members, region) : Omnia.Core.Messaging.AdAudience.WriteGoogle(csv, members, region);
        // Personal data leaves Omnia (hashed): who exported what is audited, as counts.
        await audit.RecordAsync(http, "segment.ad-audience-exported", slug, null, new { format, members = members.Count, rows });
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-{format}.csv\"";
        return Results.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    private static ProblemHttpResult NoSuchSegment(string slug) => Problems.NotFound($"There is no segment '{slug}' in this workspace; GET /segments lists them.");

    private static ProblemHttpResult Invalid(IReadOnlyList<string> errors, string outcome = "nothing was saved") =>
        Problems.BadRequest($"The segment definition has {errors.Count} problem(s); {outcome}. See docs/segments.md for the format.", errors);

    private static async Task<(string? Json, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > SegmentCatalog.MaxDefinitionBytes)
        {
            return (null, Problems.TooLarge($"A segment definition may be at most {SegmentCatalog.MaxDefinitionBytes / 1024} KB."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[SegmentCatalog.MaxDefinitionBytes + 1];
        int read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > SegmentCatalog.MaxDefinitionBytes
            ? (null, Problems.TooLarge($"A segment definition may be at most {SegmentCatalog.MaxDefinitionBytes / 1024} KB."))
            : (new string(buffer, 0, read), null);
    }
}

/// <summary>A draft's estimated size, its 95% interval, and up to ten matching profiles.</summary>
public sealed record EstimateView(long Estimate, long Low, long High, bool Exact, int Sampled, int Matched, long Population, IReadOnlyList<ProfileSummary> Examples);

/// <summary>A page of members; pass <see cref="Next"/> as <c>after</c> for the next page (null on the last).</summary>
public sealed record MembersPage(IReadOnlyList<ProfileSummary> Members, long? Next);
