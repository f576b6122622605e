using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Omnia.Core.Costs;
using Omnia.Core.Workspaces;
using Omnia.Server.Measurement;
using Omnia.Server.Processing;

namespace Omnia.Cli.Commands;

/// <summary>
/// The measurement API of a workspace in a local data directory: a node started in this process and caught up with
/// the whole log, whose reports are asked for with the same query strings and answered by the same code
/// (<see cref="MeasurementViews"/>, <see cref="MonthlyReportBuilder"/>) and JSON settings as the HTTP endpoints.
/// </summary>
internal sealed class LocalMeasurement : IMeasurementSession
{
    private readonly LocalNode _node;
    private readonly Workspace _workspace;
    private readonly JsonSerializerOptions _json;

    private LocalMeasurement(LocalNode node, Workspace workspace)
    {
        (_node, _workspace) = (node, workspace);
        _json = node.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
    }

    public static async Task<LocalMeasurement> OpenAsync(string dataDirectory, string workspaceSlug, CancellationToken ct)
    {
        var node = await LocalNode.StartAsync(dataDirectory, ct);
        try
        {
            var workspace = await node.Services.GetRequiredService<IWorkspaceStore>().FindWorkspaceAsync(workspaceSlug, ct)
                ?? throw new CommandFailure($"There is no workspace '{workspaceSlug}' in {Path.GetFullPath(dataDirectory)}.");
            await node.Services.GetRequiredService<ProcessingService>().AudiencesCaughtUpAsync(ct);
            return new LocalMeasurement(node, workspace);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private T Service<T>()
        where T : notnull => _node.Services.GetRequiredService<T>();

    public async Task<string> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        var (path, request) = Request(pathAndQuery);
        var views = Service<MeasurementViews>();
        var id = _workspace.Id;
        switch (path)
        {
            case "analytics/paths":
                return Json(await views.PathsAsync(id, request, ct));
            case "analytics/attribution":
                return Json(await views.AttributionAsync(id, request, ct));
            case "analytics/kpis":
                return Json(await views.KpisAsync(id, request, ct));
            case "analytics/pareto":
                return Json(await views.ParetoAsync(id, request, ct));
            case "analytics/targets":
                return JsonSerializer.Serialize(await Service<TargetChecks>().LastCompleteAsync(id, ct), _json);
            case "reports/monthly" or "reports/monthly.html" or "reports/monthly.csv":
                if (ReportsApi.Month(request, Service<TimeProvider>(), out var error) is not { } month)
                    throw new CommandFailure("The report cannot be made.", CommandFailure.Refused, [error!]);
                var goal = request.Query["goal"].FirstOrDefault();
                var answer = await Service<MonthlyReportBuilder>().BuildAsync(id, _workspace.Name, month, string.IsNullOrWhiteSpace(goal) ? null : goal, ct);
                var report = Check(answer);
                return path switch
                {
                    "reports/monthly.html" => ReportHtml.Write(report),
                    "reports/monthly.csv" => ReportCsv.Write(report),
                    _ => JsonSerializer.Serialize(report, _json),
                };
            case "costs":
                var (from, to) = Days(request);
                var rows = await Service<ICostStore>().ListAsync(id, from, to.AddDays(-1), request.Query["channel"].FirstOrDefault(), ct);
                var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                CostCsv.Write(text, rows);
                return text.ToString();
            default:
                if (path.StartsWith("analytics/funnels/", StringComparison.Ordinal))
                    return Json(await views.FunnelAsync(id, path["analytics/funnels/".Length..], request, ct));
                throw new InvalidOperationException($"The CLI does not read {path} locally.");
        }
    }

    public async Task<string> PostAsync(string pathAndQuery, string body, string contentType, CancellationToken ct)
    {
        var (path, _) = Request(pathAndQuery);
        if (path != "costs/import")
            throw new InvalidOperationException($"The CLI does not post to {path} locally.");
        CostCsvResult result;
        try
        {
            result = CostCsv.Read(new StringReader(body));
        }
        catch (FormatException ex)
        {
            throw new CommandFailure(ex.Message);
        }

        var saved = await Service<ICostStore>().PutAsync(_workspace.Id, result.Rows, ct);
        return JsonSerializer.Serialize(new CostsApi.CostImportResult(saved, result.Errors), _json);
    }

    private (DateOnly From, DateOnly To) Days(HttpRequest request)
    {
        var parameters = new MeasurementParameters(request, Service<TimeProvider>());
        var days = parameters.Days(defaultDays: 90);
        return parameters.Errors.Count > 0 ? throw new CommandFailure("The query is not valid.", CommandFailure.Refused, parameters.Errors) : days;
    }

    private string Json<T>(Answer<T> answer)
        where T : class => JsonSerializer.Serialize(Check(answer), _json);

    private static T Check<T>(Answer<T> answer)
        where T : class =>
        answer.View ?? throw new CommandFailure(
            answer.Status == StatusCodes.Status404NotFound ? answer.Errors[0] : $"The query has {answer.Errors.Count} problem(s); nothing was computed.",
            answer.Status == StatusCodes.Status404NotFound ? CommandFailure.NotFound : CommandFailure.Refused,
            answer.Status == StatusCodes.Status404NotFound ? [] : answer.Errors);

    private static (string Path, HttpRequest Request) Request(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var context = new DefaultHttpContext();
        if (at >= 0)
            context.Request.QueryString = new QueryString(pathAndQuery[at..]);
        return (at >= 0 ? pathAndQuery[..at] : pathAndQuery, context.Request);
    }

    public async ValueTask DisposeAsync() => await _node.DisposeAsync();
}
