using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Measurement;

/// <summary>
/// Conversion goals, saved funnels, KPI targets, visit settings and the monthly report's schedule, each a settings
/// document validated with JSON paths (docs/measurement.md).
/// </summary>
public static class MeasurementSettingsApi
{
    private const int MaxDocumentBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMeasurementSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Measurement settings").RequireWorkspaceAccess().RequireRole(Role.Viewer);
        group.MapGet("/goals", async (WorkspaceContext w, MeasurementSettings s, CancellationToken ct) => Raw(Goals(await s.GoalsAsync(w.Id, ct))))
            .WithSummary("The conversion goals (the purchase goal until one is saved)");
        group.MapPut("/goals/{slug}", PutGoalAsync).RequireRole(Role.Marketer).WithSummary("Create or replace a conversion goal (body: its definition)");
        group.MapDelete("/goals/{slug}", DeleteGoalAsync).RequireRole(Role.Marketer).WithSummary("Delete a conversion goal (not the last one)");
        group.MapGet("/funnels", async (WorkspaceContext w, MeasurementSettings s, CancellationToken ct) =>
            Raw(Omnia.Core.Funnels.FunnelDefinition.ToJson(await s.FunnelsAsync(w.Id, ct)))).WithSummary("The saved funnels");
        group.MapGet("/funnels/{slug}", GetFunnelAsync).WithSummary("One saved funnel");
        group.MapPut("/funnels/{slug}", PutFunnelAsync).RequireRole(Role.Marketer).WithSummary("Create or replace a funnel (body: its definition)");
        group.MapDelete("/funnels/{slug}", DeleteFunnelAsync).RequireRole(Role.Marketer).WithSummary("Delete a funnel");
        group.MapGet("/kpi-targets", async (WorkspaceContext w, MeasurementSettings s, CancellationToken ct) =>
            Raw(Omnia.Core.Kpis.KpiTarget.ToJson(await s.TargetsAsync(w.Id, ct)))).WithSummary("KPI targets per channel");
        group.MapPut("/kpi-targets", PutTargetsAsync).RequireRole(Role.Marketer).WithSummary("Replace the KPI targets (body: a list)");
        group.MapGet("/report-schedule", async (WorkspaceContext w, MeasurementSettings s, CancellationToken ct) => TypedResults.Ok(await s.ScheduleAsync(w.Id, ct)))
            .WithSummary("When the monthly report is emailed, and to whom");
        group.MapPut("/report-schedule", PutScheduleAsync).RequireRole(Role.Marketer).WithSummary("Replace the monthly report's schedule and recipients");
        group.MapGet("/visit-settings", async (WorkspaceContext w, MeasurementSettings s, CancellationToken ct) => TypedResults.Ok(await s.VisitSettingsAsync(w.Id, ct)))
            .WithSummary("How events are cut into visits");
        group.MapPut("/visit-settings", PutVisitsAsync).RequireRole(Role.Marketer).WithSummary("Replace the visit settings (gap and last non-direct lookback)");
        return app;
    }

    private static string Goals(IEnumerable<Omnia.Core.Goals.ConversionGoal> goals) => Omnia.Core.Goals.ConversionGoal.ToJson(goals);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutGoalAsync(WorkspaceContext w, string slug, HttpRequest request, MeasurementSettings settings, CancellationToken ct)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxDocumentBytes, "A goal", ct);
        if (problem is not null)
            return problem;
        var (saved, errors) = await settings.SaveGoalAsync(w.Id, slug, json!, ct);
        return saved is null
            ? Problems.BadRequest($"The goal has {errors.Count} problem(s); nothing was saved. See docs/measurement.md for the format.", errors)
            : Raw(saved.ToJson());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteGoalAsync(WorkspaceContext w, string slug, MeasurementSettings settings, CancellationToken ct)
    {
        var (found, refusal) = await settings.DeleteGoalAsync(w.Id, slug, ct);
        if (!found)
            return Problems.NotFound($"There is no goal '{slug}' in this workspace.");
        return refusal is null ? TypedResults.NoContent() : Problems.Conflict(refusal);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFunnelAsync(WorkspaceContext w, string slug, MeasurementSettings settings, CancellationToken ct) =>
        await settings.FunnelAsync(w.Id, slug, ct) is { } funnel ? Raw(funnel.ToJson()) : Problems.NotFound($"There is no funnel '{slug}' in this workspace.");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutFunnelAsync(WorkspaceContext w, string slug, HttpRequest request, MeasurementSettings settings, CancellationToken ct)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxDocumentBytes, "A funnel", ct);
        if (problem is not null)
            return problem;
        var (saved, created, errors) = await settings.SaveFunnelAsync(w.Id, slug, json!, ct);
        if (saved is null)
            return Problems.BadRequest($"The funnel has {errors.Count} problem(s); nothing was saved. See docs/measurement.md for the format.", errors);
        if (created)
            request.HttpContext.Response.StatusCode = StatusCodes.Status201Created;
        return Raw(saved.ToJson());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteFunnelAsync(WorkspaceContext w, string slug, MeasurementSettings settings, CancellationToken ct) =>
        await settings.DeleteFunnelAsync(w.Id, slug, ct) ? TypedResults.NoContent() : Problems.NotFound($"There is no funnel '{slug}' in this workspace.");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutTargetsAsync(WorkspaceContext w, HttpRequest request, MeasurementSettings settings, CancellationToken ct)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxDocumentBytes, "KPI targets", ct);
        if (problem is not null)
            return problem;
        var errors = await settings.SaveTargetsAsync(w.Id, json!, ct);
        return errors.Count > 0
            ? Problems.BadRequest($"The targets have {errors.Count} problem(s); nothing was changed.", errors)
            : Raw(Omnia.Core.Kpis.KpiTarget.ToJson(await settings.TargetsAsync(w.Id, ct)));
    }

    private static async Task<Results<Ok<ReportSchedule>, ProblemHttpResult>> PutScheduleAsync(WorkspaceContext w, HttpRequest request, MeasurementSettings settings, CancellationToken ct)
    {
        var (schedule, problem) = await ReadJsonAsync<ReportSchedule>(request, "{\"enabled\":true,\"day\":1,\"hourUtc\":7,\"recipients\":[\"team@example.com\"]}", ct);
        if (problem is not null)
            return problem;
        var errors = await settings.SaveScheduleAsync(w.Id, schedule!, ct);
        return errors.Count > 0 ? Problems.BadRequest("The schedule is not valid; nothing was changed.", errors) : TypedResults.Ok(await settings.ScheduleAsync(w.Id, ct));
    }

    private static async Task<Results<Ok<VisitSettings>, ProblemHttpResult>> PutVisitsAsync(WorkspaceContext w, HttpRequest request, MeasurementSettings settings, CancellationToken ct)
    {
        var (visits, problem) = await ReadJsonAsync<VisitSettings>(request, "{\"gapMinutes\":30,\"directLookbackDays\":30}", ct);
        if (problem is not null)
            return problem;
        var errors = await settings.SaveVisitSettingsAsync(w.Id, visits!, ct);
        return errors.Count > 0 ? Problems.BadRequest("The visit settings are not valid; nothing was changed.", errors) : TypedResults.Ok(visits!);
    }

    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string example, CancellationToken ct)
        where T : class
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxDocumentBytes, "The document", ct);
        if (problem is not null)
            return (null, problem);
        try
        {
            if (JsonSerializer.Deserialize<T>(json!, MeasurementSettings.Json) is { } value)
                return (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The body is not the document this URL takes ({ex.Message}); send e.g. {example}"));
        }

        return (null, Problems.BadRequest($"Send a document such as {example}"));
    }

    private static ContentHttpResult Raw(string json) => TypedResults.Content(json, "application/json");
}
