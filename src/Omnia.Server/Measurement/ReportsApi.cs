using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Measurement;

/// <summary>
/// The monthly cross-channel report (JSON, a self-contained HTML file, CSV; emailed on demand or on schedule), KPI
/// targets judged on their last whole period, and the alerts raised for missed targets.
/// </summary>
public static class ReportsApi
{
    /// <summary>The report's own policy: no script, nothing loaded, framed only by Omnia's pages (the dashboard shows it in a frame).</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-downloads; frame-ancestors 'self'";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Reports").RequireWorkspaceAccess().RequireRole(Role.Viewer);
        group.MapGet("/reports/monthly", JsonAsync).WithSummary("The monthly cross-channel report (?month=2026-11, default the last whole month; ?goal=)").WithQuery("month", "goal");
        group.MapGet("/reports/monthly.html", HtmlAsync).WithSummary("The monthly report as a self-contained HTML file with its charts and CSV (?download=true to save it)").WithQuery("month", "goal", "download");
        group.MapGet("/reports/monthly.csv", CsvAsync).WithSummary("The monthly report's numbers as CSV").WithQuery("month", "goal");
        group.MapPost("/reports/monthly/send", SendAsync).RequireRole(Role.Marketer)
            .WithSummary("Email the monthly report now (?month=, ?to=a@x.com,b@y.com; the schedule's recipients by default)").WithQuery("month", "goal", "to");
        group.MapGet("/analytics/targets", async (WorkspaceContext w, TargetChecks checks, CancellationToken ct) => TypedResults.Ok(await checks.LastCompleteAsync(w.Id, ct)))
            .WithSummary("Every KPI target judged on its last whole period: met, missed or no data");
        group.MapGet("/analytics/alerts", async (WorkspaceContext w, KpiAlerts alerts, CancellationToken ct) => TypedResults.Ok(await alerts.ListAsync(w.Id, ct)))
            .WithSummary("Alerts raised for KPIs that missed their targets, newest first");
        return app;
    }

    /// <summary>The month a request names (<c>month=2026-11</c>), by default the last whole month.</summary>
    public static DateOnly? Month(HttpRequest request, TimeProvider clock, out string? error)
    {
        error = null;
        var text = request.Query["month"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            var now = clock.GetUtcNow();
            return new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
        }

        if (MeasurementParameters.ParseMonth(text.Trim()) is { } month)
            return month;
        error = $"month: '{text}' is not a month; use 2026-11";
        return null;
    }

    private static async Task<Answer<MonthlyReport>> BuildAsync(WorkspaceContext w, HttpRequest request, MonthlyReportBuilder builder, TimeProvider clock, CancellationToken ct)
    {
        if (Month(request, clock, out var error) is not { } month)
            return Answer<MonthlyReport>.Refused([error!]);
        var goal = request.Query["goal"].FirstOrDefault();
        return await builder.BuildAsync(w.Id, w.Workspace.Name, month, string.IsNullOrWhiteSpace(goal) ? null : goal, ct);
    }

    private static async Task<Results<Ok<MonthlyReport>, ProblemHttpResult>> JsonAsync(
        WorkspaceContext w, HttpRequest request, MonthlyReportBuilder builder, TimeProvider clock, CancellationToken ct) =>
        AnalyticsApi.Respond(await BuildAsync(w, request, builder, clock, ct));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> HtmlAsync(
        WorkspaceContext w, HttpRequest request, MonthlyReportBuilder builder, TimeProvider clock, CancellationToken ct)
    {
        var answer = await BuildAsync(w, request, builder, clock, ct);
        if (answer.View is not { } report)
            return Problems.BadRequest("The report cannot be made.", answer.Errors);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ReportPolicy;
        headers.XFrameOptions = "SAMEORIGIN";
        if (request.Query["download"].FirstOrDefault() is "true" or "1")
            headers.ContentDisposition = $"attachment; filename=\"report-{report.Month}.html\"";
        return TypedResults.Content(ReportHtml.Write(report), "text/html; charset=utf-8");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CsvAsync(
        WorkspaceContext w, HttpRequest request, MonthlyReportBuilder builder, TimeProvider clock, CancellationToken ct)
    {
        var answer = await BuildAsync(w, request, builder, clock, ct);
        if (answer.View is not { } report)
            return Problems.BadRequest("The report cannot be made.", answer.Errors);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"report-{report.Month}.csv\"";
        return TypedResults.Content(ReportCsv.Write(report), "text/csv; charset=utf-8");
    }

    /// <summary>Who a report was sent to.</summary>
    public sealed record SentReport(IReadOnlyList<string> To, string Subject);

    private static async Task<Results<Ok<SentReport>, ProblemHttpResult>> SendAsync(
        WorkspaceContext w, HttpRequest request, ReportMailing mailing, TimeProvider clock, CancellationToken ct)
    {
        if (Month(request, clock, out var error) is not { } month)
            return Problems.BadRequest("The report cannot be sent.", [error!]);
        IReadOnlyList<string>? to = null;
        if (request.Query["to"].FirstOrDefault() is { Length: > 0 } list)
        {
            to = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = to.Where(a => !Omnia.Core.Users.EmailAddresses.IsValid(a)).ToList();
            if (bad.Count > 0)
                return Problems.BadRequest("The report was not sent.", bad.Select(a => $"to: '{a}' is not an email address"));
        }

        var goal = request.Query["goal"].FirstOrDefault();
        var answer = await mailing.SendAsync(w.Workspace, month, to, string.IsNullOrWhiteSpace(goal) ? null : goal, ct);
        return answer.View is { } email ? TypedResults.Ok(new SentReport(email.To, email.Subject)) : Problems.BadRequest("The report was not sent.", answer.Errors);
    }
}
