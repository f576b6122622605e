using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Costs;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Measurement;

/// <summary>
/// Costs: spend, impressions and clicks per day × channel × campaign, from CSV files (as ad platforms export them) or
/// JSON; saving a day, channel and campaign again replaces its row.
/// </summary>
public static class CostsApi
{
    private const int MaxCsvBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/costs").WithTags("Costs").RequireWorkspaceAccess().RequireRole(Role.Viewer);
        group.MapGet("/", ListAsync).WithSummary("Cost rows of a range of days (from inclusive, to exclusive; ?format=csv for CSV)")
            .WithQuery("from", "to", "month", "channel", "format");
        group.MapPost("/", PostAsync).RequireRole(Role.Marketer).WithSummary("Save cost rows (body: a JSON list of {date, channel, campaign, spend, impressions, clicks})");
        group.MapPost("/import", ImportAsync).RequireRole(Role.Marketer)
            .WithSummary("Import a cost CSV (body: the file; header date,channel,campaign,spend,impressions,clicks); bad rows are listed with their line");
        group.MapDelete("/", DeleteAsync).RequireRole(Role.Marketer).WithSummary("Delete the cost rows of a range of days, optionally of one channel").WithQuery("from", "to", "channel");
        return app;
    }

    /// <summary>A cost row as the API reads and writes it.</summary>
    public sealed record CostRowView(string Date, string Channel, string? Campaign, decimal Spend, long Impressions, long Clicks)
    {
        public static CostRowView From(CostRow row) =>
            new(row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Channel, row.Campaign, row.Spend, row.Impressions, row.Clicks);
    }

    /// <summary>What an import or save did: rows saved, and each bad row with its line (or index).</summary>
    public sealed record CostImportResult(int Saved, IReadOnlyList<CostCsvError> Rejected);

    /// <summary>How many rows a delete removed.</summary>
    public sealed record CostDeleteResult(int Deleted);

    private static async Task<Results<Ok<IReadOnlyList<CostRowView>>, ContentHttpResult, ProblemHttpResult>> ListAsync(
        WorkspaceContext w, HttpRequest request, ICostStore costs, TimeProvider clock, CancellationToken ct)
    {
        var p = new MeasurementParameters(request, clock);
        var (from, to) = p.Days(defaultDays: 90);
        var channel = request.Query["channel"].FirstOrDefault();
        var csv = p.Word("format", false, ("json", false), ("csv", true));
        if (p.Errors.Count > 0)
            return Problems.BadRequest("The query is not valid.", p.Errors);
        var rows = await costs.ListAsync(w.Id, from, to.AddDays(-1), string.IsNullOrWhiteSpace(channel) ? null : channel, ct);
        if (!csv)
            return TypedResults.Ok<IReadOnlyList<CostRowView>>(rows.Select(CostRowView.From).ToList());
        var text = new StringWriter(CultureInfo.InvariantCulture);
        CostCsv.Write(text, rows);
        return TypedResults.Content(text.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<Results<Ok<CostImportResult>, ProblemHttpResult>> PostAsync(WorkspaceContext w, HttpRequest request, ICostStore costs, CancellationToken ct)
    {
        var (json, problem) = await RequestText.ReadAsync(request, MaxCsvBytes, "A cost upload", ct);
        if (problem is not null)
            return problem;
        List<CostRowView>? views;
        try
        {
            views = JsonSerializer.Deserialize<List<CostRowView>>(json!, MeasurementSettings.Json);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The body is not a list of cost rows ({ex.Message}); send [{{\"date\":\"2026-11-01\",\"channel\":\"paid_search\",\"campaign\":\"brand\",\"spend\":120.5,\"impressions\":4000,\"clicks\":310}}]");
        }

        if (views is null)
            return Problems.BadRequest("Send a list of cost rows.");
        var rows = new List<CostRow>();
        var rejected = new List<CostCsvError>();
        for (var i = 0; i < views.Count; i++)
        {
            var v = views[i];
            var problems = new List<string>();
            if (v is null || !DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                rejected.Add(new CostCsvError(i, $"date '{v?.Date}' is not a date; write it as 2026-11-03"));
                continue;
            }

            var row = new CostRow(day, v.Channel ?? "", string.IsNullOrEmpty(v.Campaign) ? null : v.Campaign, v.Spend, v.Impressions, v.Clicks);
            problems.AddRange(CostValidation.Problems(row));
            if (problems.Count > 0)
                rejected.Add(new CostCsvError(i, string.Join("; ", problems)));
            else
                rows.Add(row);
        }

        if (rejected.Count > 0)
            return Problems.BadRequest($"{rejected.Count} of {views.Count} rows are not valid; nothing was saved.", rejected.Select(r => $"[{r.Line}]: {r.Message}"));
        return TypedResults.Ok(new CostImportResult(await costs.PutAsync(w.Id, rows, ct), []));
    }

    private static async Task<Results<Ok<CostImportResult>, ProblemHttpResult>> ImportAsync(WorkspaceContext w, HttpRequest request, ICostStore costs, CancellationToken ct)
    {
        var (text, problem) = await RequestText.ReadAsync(request, MaxCsvBytes, "A cost file", ct);
        if (problem is not null)
            return problem;
        CostCsvResult result;
        try
        {
            result = CostCsv.Read(new StringReader(text!));
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        var saved = await costs.PutAsync(w.Id, result.Rows, ct);
        return TypedResults.Ok(new CostImportResult(saved, result.Errors));
    }

    private static async Task<Results<Ok<CostDeleteResult>, ProblemHttpResult>> DeleteAsync(
        WorkspaceContext w, HttpRequest request, ICostStore costs, TimeProvider clock, CancellationToken ct)
    {
        if (!request.Query.ContainsKey("from") || !request.Query.ContainsKey("to"))
            return Problems.BadRequest("Name the days to delete with from and to (to is the day after the last), e.g. ?from=2026-11-01&to=2026-12-01.");
        var p = new MeasurementParameters(request, clock);
        var (from, to) = p.Days();
        if (p.Errors.Count > 0)
            return Problems.BadRequest("The query is not valid; nothing was deleted.", p.Errors);
        var channel = request.Query["channel"].FirstOrDefault();
        var deleted = await costs.DeleteAsync(w.Id, from, to.AddDays(-1), string.IsNullOrWhiteSpace(channel) ? null : channel, ct);
        return TypedResults.Ok(new CostDeleteResult(deleted));
    }
}
