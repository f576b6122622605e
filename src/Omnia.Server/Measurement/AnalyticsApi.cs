using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Funnels;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Audiences;
using Omnia.Server.Profiles;

namespace Omnia.Server.Measurement;

/// <summary>
/// The measurement reports: buyer journeys, funnels (and their dropouts as segments), every attribution model side
/// by side, channel KPIs and Pareto rankings; a person's visits. Any role may read them (docs/measurement.md).
/// </summary>
public static class AnalyticsApi
{
    private const int MaxFunnelBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMeasurementApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Measurement").RequireWorkspaceAccess().RequireRole(Role.Viewer);
        group.MapGet("/analytics/paths", async (WorkspaceContext w, HttpRequest r, MeasurementViews v, CancellationToken ct) => Respond(await v.PathsAsync(w.Id, r, ct)))
            .WithSummary("The top buyer journeys of a goal, with count, share, conversion rate, revenue, length and median time to convert")
            .WithQuery("goal", "from", "to", "month", "level", "collapse", "top", "breakdown", "segment", "gap");
        group.MapGet("/analytics/attribution", async (WorkspaceContext w, HttpRequest r, MeasurementViews v, CancellationToken ct) => Respond(await v.AttributionAsync(w.Id, r, ct)))
            .WithSummary("Every attribution model side by side per channel or campaign, with CPA and ROAS where costs exist")
            .WithQuery("goal", "from", "to", "month", "level", "models", "halfLife", "gap");
        group.MapGet("/analytics/kpis", async (WorkspaceContext w, HttpRequest r, MeasurementViews v, CancellationToken ct) => Respond(await v.KpisAsync(w.Id, r, ct)))
            .WithSummary("Channel or campaign KPIs per day, week or month").WithQuery("goal", "from", "to", "month", "period", "level", "gap");
        group.MapGet("/analytics/pareto", async (WorkspaceContext w, HttpRequest r, MeasurementViews v, CancellationToken ct) => Respond(await v.ParetoAsync(w.Id, r, ct)))
            .WithSummary("Channels, campaigns, journeys or content ranked by contribution, with the smallest set that brings 80 %")
            .WithQuery("goal", "from", "to", "month", "of", "by", "model", "threshold", "gap");
        group.MapGet("/analytics/funnels/{slug}", async (WorkspaceContext w, string slug, HttpRequest r, MeasurementViews v, CancellationToken ct) =>
            Respond(await v.FunnelAsync(w.Id, slug, r, ct))).WithSummary("A saved funnel: people, conversion, drop-off and median time per step")
            .WithQuery("from", "to", "month", "breakdown", "segment");
        group.MapPost("/analytics/funnels", DraftFunnelAsync).WithMetadata(AuditedRequests.ReadOnly).WithSummary("The report of a draft funnel (body: a funnel definition), without saving it")
            .WithQuery("from", "to", "month", "breakdown", "segment");
        group.MapPost("/funnels/{slug}/dropouts", DropoutsAsync).RequireRole(Role.Marketer)
            .WithSummary("Save the people who dropped out after a step as a segment (body: {step, from, to, slug?, name?})");
        group.MapGet("/profiles/{id}/visits", VisitsAsync).WithSummary("A person's visits: device, channel, campaign and landing page, newest first");
        return app;
    }

    /// <summary>200 with the view, or the answer's problems.</summary>
    internal static Results<Ok<T>, ProblemHttpResult> Respond<T>(Answer<T> answer)
        where T : class =>
        answer.View is { } view
            ? TypedResults.Ok(view)
            : answer.Status == StatusCodes.Status404NotFound
                ? Problems.NotFound(answer.Errors[0])
                : Problems.BadRequest($"The query has {answer.Errors.Count} problem(s); nothing was computed.", answer.Errors);

    private static async Task<Results<Ok<FunnelView>, ProblemHttpResult>> DraftFunnelAsync(WorkspaceContext w, HttpRequest request, MeasurementViews views, CancellationToken ct)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxFunnelBytes, "A funnel", ct);
        if (problem is not null)
            return problem;
        var parsed = FunnelDefinition.Parse(json!, "draft");
        if (parsed.Funnel is not { } funnel)
            return Problems.BadRequest($"The funnel has {parsed.Errors.Count} problem(s). See docs/measurement.md for the format.", parsed.Errors.Select(e => e.ToString()));
        return Respond(await views.FunnelAsync(w.Id, funnel, request, ct));
    }

    /// <summary>The body of a dropout request.</summary>
    public sealed record DropoutRequest(int Step, string? From, string? To, string? Slug, string? Name);

    private static async Task<Results<Created<SegmentView>, ProblemHttpResult>> DropoutsAsync(
        WorkspaceContext w, string slug, DropoutRequest body, MeasurementSettings settings, SegmentCatalog segments, CancellationToken ct)
    {
        if (await settings.FunnelAsync(w.Id, slug, ct) is not { } funnel)
            return Problems.NotFound($"There is no funnel '{slug}' in this workspace.");
        var (definition, errors) = DropoutSegment(funnel, body);
        if (definition is null)
            return Problems.BadRequest("The dropout segment cannot be made; nothing was saved.", errors);
        var segmentSlug = body.Slug ?? $"{funnel.Slug}-dropped-after-{body.Step}";
        var outcome = await segments.SaveAsync(w.Id, segmentSlug, definition.ToJson(), createOnly: true, ct);
        return outcome switch
        {
            { Segment: { } s } => TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/segments/{s.Slug}", s),
            { ConflictMessage: { } message } => Problems.Conflict(message),
            _ => Problems.BadRequest("The dropout segment cannot be saved.", outcome.Errors),
        };
    }

    /// <summary>The segment of the people who started <paramref name="funnel"/> in the request's days and dropped after its step.</summary>
    public static (SegmentDefinition? Definition, IReadOnlyList<string> Errors) DropoutSegment(FunnelDefinition funnel, DropoutRequest body)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<string>();
        if (body.Step < 1 || body.Step >= funnel.Spec.Steps.Count)
            errors.Add($"step: {body.Step} is not a step people can drop out after; use 1 to {funnel.Spec.Steps.Count - 1}");
        DateOnly? Day(string? text, string name)
        {
            if (text is null)
                return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return day;
            errors.Add($"{name}: '{text}' is not a date; use 2026-11-01");
            return null;
        }

        var from = Day(body.From, "from");
        var to = Day(body.To, "to");
        if (from is { } f && to is { } t && f >= t)
            errors.Add($"from ({f:yyyy-MM-dd}) must be before to ({t:yyyy-MM-dd})");
        if (errors.Count > 0)
            return (null, errors);
        var title = funnel.Spec.Steps[body.Step - 1].Title;
        var name = body.Name ?? $"{funnel.Name}: dropped after {title}";
        var period = from is null && to is null ? "" : $" between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}";
        return (new SegmentDefinition(name, $"Started the {funnel.Name} funnel{period}, reached step {body.Step} ({title}) and not the next.",
            funnel.DropoutCondition(body.Step, from is { } a ? MeasurementParameters.Instant(a) : null, to is { } b ? MeasurementParameters.Instant(b) : null)), []);
    }

    private static async Task<Results<Ok<IReadOnlyList<VisitView>>, ProblemHttpResult>> VisitsAsync(
        WorkspaceContext w, string id, IProfileStore profiles, MeasurementSettings settings, LandingPages landings, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(id, out var profileId) || await profiles.GetAsync(w.Id, profileId, ct) is not { } profile)
            return Problems.NotFound($"There is no profile '{id}' in this workspace.");
        var visits = await VisitView.ForAsync(profiles, landings, profile.Id, (await settings.VisitSettingsAsync(w.Id, ct)).ToOptions(), 100, ct);
        return TypedResults.Ok(visits);
    }
}
