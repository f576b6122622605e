using Omnia.Core.Analytics;
using Omnia.Core.Attribution;
using Omnia.Core.Audiences;
using Omnia.Core.Funnels;
using Omnia.Core.Kpis;
using Omnia.Core.Paths;

namespace Omnia.Server.Measurement;

/// <summary>A report, or the problems with the request that asked for it (with the HTTP status to answer).</summary>
public sealed record Answer<T>(T? View, IReadOnlyList<string> Errors, int Status = StatusCodes.Status400BadRequest)
    where T : class
{
    public static Answer<T> Of(T view) => new(view, []);

    public static Answer<T> Refused(IReadOnlyList<string> errors, int status = StatusCodes.Status400BadRequest) => new(null, errors, status);
}

/// <summary>Every model side by side for a goal and a period.</summary>
public sealed record AttributionView(string Goal, string GoalName, DateOnly From, DateOnly To, ModelComparison Comparison);

/// <summary>KPIs for a goal and a period.</summary>
public sealed record KpisView(string Goal, KpiReport Report);

/// <summary>A Pareto ranking and what it ranks.</summary>
public sealed record ParetoView(string Goal, DateOnly From, DateOnly To, string Subject, string By, string Model, ParetoResult Ranking);

/// <summary>A saved funnel and its report over a period.</summary>
public sealed record FunnelView(string Slug, string Name, string? Description, FunnelSurvey? Survey, FunnelReport Report);

/// <summary>
/// Turns a request's query (as the API, the dashboard pages and the CLI pass it) into a report, reading the
/// workspace's goals, funnels and visit settings: one code path, so every surface shows the same figures.
/// </summary>
public sealed class MeasurementViews(MeasurementQueries queries, MeasurementSettings settings, ISegmentStore segments, TimeProvider clock)
{
    /// <summary>The top buyer journeys (<c>goal, from, to | month, level, collapse, top, breakdown, segment, gap</c>).</summary>
    public async Task<Answer<PathReport>> PathsAsync(int workspaceId, HttpRequest request, CancellationToken ct = default)
    {
        var p = new MeasurementParameters(request, clock);
        var goal = p.Goal(await settings.GoalsAsync(workspaceId, ct));
        var (from, to) = p.Range();
        var breakdown = p.Breakdown();
        var query = new PathQuery
        {
            From = from,
            To = to,
            Level = p.Level(),
            CollapseRepeats = p.Flag("collapse", true),
            Top = p.Number("top", 10, 1, 100),
            Breakdown = breakdown,
            SegmentId = await p.SegmentAsync(segments, workspaceId, breakdown == PathBreakdown.Segment, ct),
            Visits = p.Visits(await settings.VisitSettingsAsync(workspaceId, ct)),
        };
        return p.Errors.Count > 0 ? Answer<PathReport>.Refused(p.Errors) : Answer<PathReport>.Of(queries.Paths(workspaceId, goal!, query));
    }

    /// <summary>Every model side by side (<c>goal, from, to | month, level, models, halfLife, gap</c>).</summary>
    public async Task<Answer<AttributionView>> AttributionAsync(int workspaceId, HttpRequest request, CancellationToken ct = default)
    {
        var p = new MeasurementParameters(request, clock);
        var goal = p.Goal(await settings.GoalsAsync(workspaceId, ct));
        var (from, to) = p.Days();
        var options = AttributionOptions.Default with { Level = p.Level(), TimeDecayHalfLife = p.Duration("halfLife", TimeSpan.FromDays(7)) };
        var models = p.Models(AttributionModel.All);
        var visits = p.Visits(await settings.VisitSettingsAsync(workspaceId, ct));
        if (p.Errors.Count > 0)
            return Answer<AttributionView>.Refused(p.Errors);
        var comparison = await queries.AttributionAsync(workspaceId, goal!, MeasurementParameters.Instant(from), MeasurementParameters.Instant(to), visits, models, options, ct);
        return Answer<AttributionView>.Of(new AttributionView(goal!.Slug, goal.Name, from, to, comparison));
    }

    /// <summary>A saved funnel's report (<c>from, to | month, breakdown, segment</c>).</summary>
    public async Task<Answer<FunnelView>> FunnelAsync(int workspaceId, string slug, HttpRequest request, CancellationToken ct = default)
    {
        if (await settings.FunnelAsync(workspaceId, slug, ct) is not { } funnel)
            return Answer<FunnelView>.Refused([$"There is no funnel '{slug}' in this workspace."], StatusCodes.Status404NotFound);
        return await FunnelAsync(workspaceId, funnel, request, ct);
    }

    /// <summary>The report of a funnel given whole (a draft, or a saved one).</summary>
    public async Task<Answer<FunnelView>> FunnelAsync(int workspaceId, FunnelDefinition funnel, HttpRequest request, CancellationToken ct = default)
    {
        var p = new MeasurementParameters(request, clock);
        var (from, to) = p.Range();
        var breakdown = p.Breakdown();
        var query = new FunnelQuery { From = from, To = to, Breakdown = breakdown, SegmentId = await p.SegmentAsync(segments, workspaceId, breakdown == PathBreakdown.Segment, ct) };
        if (p.Errors.Count > 0)
            return Answer<FunnelView>.Refused(p.Errors);
        return Answer<FunnelView>.Of(new FunnelView(funnel.Slug, funnel.Name, funnel.Description, funnel.Survey, await queries.FunnelAsync(workspaceId, funnel, query, ct)));
    }

    /// <summary>Channel or campaign KPIs (<c>goal, from, to | month, period, level, gap</c>).</summary>
    public async Task<Answer<KpisView>> KpisAsync(int workspaceId, HttpRequest request, CancellationToken ct = default)
    {
        var p = new MeasurementParameters(request, clock);
        var goal = p.Goal(await settings.GoalsAsync(workspaceId, ct));
        var (from, to) = p.Days();
        var query = new KpiQuery { From = from, To = to, Period = p.Period(), Level = p.Level(), Visits = p.Visits(await settings.VisitSettingsAsync(workspaceId, ct)) };
        if (p.Errors.Count > 0)
            return Answer<KpisView>.Refused(p.Errors);
        return Answer<KpisView>.Of(new KpisView(goal!.Slug, await queries.KpisAsync(workspaceId, goal, query, ct)));
    }

    /// <summary>A Pareto ranking (<c>of=channels|campaigns|journeys|content, by=conversions|revenue, model, threshold, goal, from, to | month</c>).</summary>
    public async Task<Answer<ParetoView>> ParetoAsync(int workspaceId, HttpRequest request, CancellationToken ct = default)
    {
        var p = new MeasurementParameters(request, clock);
        var goal = p.Goal(await settings.GoalsAsync(workspaceId, ct));
        var (from, to) = p.Days();
        var subject = p.Word("of", ParetoSubject.Channels, ("channels", ParetoSubject.Channels), ("campaigns", ParetoSubject.Campaigns),
            ("journeys", ParetoSubject.Journeys), ("content", ParetoSubject.Content));
        var byRevenue = p.Word("by", false, ("conversions", false), ("revenue", true));
        var model = p.Model("model", AttributionModel.LastNonDirect);
        var threshold = p.Number("threshold", 80, 1, 100) / 100.0;
        var visits = p.Visits(await settings.VisitSettingsAsync(workspaceId, ct));
        if (p.Errors.Count > 0)
            return Answer<ParetoView>.Refused(p.Errors);
        var ranking = await queries.ParetoAsync(workspaceId, goal!, MeasurementParameters.Instant(from), MeasurementParameters.Instant(to), visits, subject, byRevenue, model, threshold, ct);
        return Answer<ParetoView>.Of(new ParetoView(goal!.Slug, from, to, subject.ToString().ToLowerInvariant(), byRevenue ? "revenue" : "conversions", model.Name, ranking));
    }
}
