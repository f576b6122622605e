using Omnia.Core.Analytics;
using Omnia.Core.Attribution;
using Omnia.Core.Costs;
using Omnia.Core.Funnels;
using Omnia.Core.Goals;
using Omnia.Core.Kpis;
using Omnia.Core.Paths;
using Omnia.Core.Audiences;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Visits;

namespace Omnia.Server.Measurement;

/// <summary>
/// Runs the measurement reports over the derived state in memory (<see cref="DerivedState.Scan{T}"/>, on every core)
/// and joins costs from the cost store. The API, the dashboard and the CLI all call these, so they show the same figures.
/// </summary>
public sealed partial class MeasurementQueries(
    DerivedState state, ICostStore costs, LandingPages landings, IProfileStore profiles, IAudienceStore audiences, Audiences.AudienceModels models)
{
    /// <summary>The top buyer journeys of a goal.</summary>
    public PathReport Paths(int workspaceId, ConversionGoal goal, PathQuery query)
    {
        var matcher = new GoalMatcher(goal);
        var accumulators = state.Scan(workspaceId, () => new PathAccumulator(query, matcher), static (a, p, e, au) => a.Add(p, e, au));
        return PathReport.Build(goal.Slug, accumulators);
    }

    /// <summary>Every attribution model over the same journeys, per channel or campaign, with costs.</summary>
    public async Task<ModelComparison> AttributionAsync(
        int workspaceId, ConversionGoal goal, DateTimeOffset from, DateTimeOffset to, VisitOptions visits, IReadOnlyList<AttributionModel> models,
        AttributionOptions options, CancellationToken ct = default)
    {
        var query = new PathQuery { From = from, To = to, Visits = visits, Top = 0 };
        var matcher = new GoalMatcher(goal);
        var accumulators = state.Scan(workspaceId, () => new PathAccumulator(query, matcher, collectJourneys: true), static (a, p, e, au) => a.Add(p, e, au));
        var paths = JourneyAttribution.PathSet(accumulators);
        var spend = new Dictionary<AttributionKey, double>();
        foreach (var row in await CostsAsync(workspaceId, from, to, ct))
        {
            var key = options.Level == AttributionLevel.Campaign ? new AttributionKey(row.Channel, row.Campaign) : new AttributionKey(row.Channel);
            spend[key] = spend.GetValueOrDefault(key) + (double)row.Spend;
        }

        return ModelComparison.Build(paths, models, options, spend, JourneyAttribution.Count(accumulators));
    }

    /// <summary>
    /// A funnel over a period. A draft whose steps filter on properties that events do not keep in memory (no saved
    /// goal, funnel or definition reads them) is answered from the log instead, profile by profile, as segment estimates
    /// are: slower, but right.
    /// </summary>
    public async Task<FunnelReport> FunnelAsync(int workspaceId, FunnelDefinition funnel, FunnelQuery query, CancellationToken ct = default)
    {
        var kept = (await models.ForAsync(workspaceId, ct)).PropertyNames;
        var read = funnel.PropertyNames().Distinct(StringComparer.Ordinal).ToList();
        if (read.All(kept.Contains))
            return Funnel(workspaceId, funnel, query);
        var accumulator = new FunnelAccumulator(new FunnelMatcher(funnel.Spec), query, funnel.Survey is null ? null : funnel.Slug);
        long after = 0;
        while (await audiences.ProfileIdsAsync(workspaceId, after, 2_000, ct) is { Count: > 0 } ids)
        {
            var facts = await profiles.FactsAsync(ids, read, ct);
            var stored = await audiences.GetAsync(ids, ct);
            foreach (var id in ids)
            {
                if (facts.TryGetValue(id, out var person))
                    accumulator.Add(person.Profile, person.Events as ProfileEvent[] ?? [.. person.Events], stored.GetValueOrDefault(id));
            }

            after = ids[^1];
        }

        return FunnelReport.Build([accumulator]);
    }

    /// <summary>A funnel over a period, from the events in memory (its properties must be kept with them).</summary>
    public FunnelReport Funnel(int workspaceId, FunnelDefinition funnel, FunnelQuery query)
    {
        var matcher = new FunnelMatcher(funnel.Spec);
        var survey = funnel.Survey is null ? null : funnel.Slug;
        var accumulators = state.Scan(workspaceId, () => new FunnelAccumulator(matcher, query, survey), static (a, p, e, au) => a.Add(p, e, au));
        return FunnelReport.Build(accumulators);
    }

    /// <summary>Channel or campaign KPIs with their costs.</summary>
    public async Task<KpiReport> KpisAsync(int workspaceId, ConversionGoal goal, KpiQuery query, CancellationToken ct = default)
    {
        var matcher = new GoalMatcher(goal);
        var accumulators = state.Scan(workspaceId, () => new KpiAccumulator(query, matcher), static (a, p, e, au) => a.Add(p, e, au));
        var rows = await costs.ListAsync(workspaceId, query.From, query.To.AddDays(-1), cancellationToken: ct);
        return KpiReport.Build(accumulators, rows);
    }

    /// <summary>People, visits, conversions and revenue per kind of device.</summary>
    public IReadOnlyList<DeviceRow> Devices(int workspaceId, ConversionGoal goal, DateTimeOffset from, DateTimeOffset to, VisitOptions visits)
    {
        var matcher = new GoalMatcher(goal);
        return DeviceAccumulator.Rows(state.Scan(workspaceId, () => new DeviceAccumulator(matcher, visits, from, to), static (a, p, e, au) => a.Add(p, e, au)));
    }

    /// <summary>
    /// The pages the visits of <paramref name="channels"/> landed on, with their visits, conversions and revenue,
    /// most visited first; and what the last touchpoint of each conversion landed on (content), by revenue.
    /// </summary>
    public async Task<(IReadOnlyList<PageRow> Landing, IReadOnlyList<PageRow> Content)> LandingPagesAsync(
        int workspaceId, ConversionGoal goal, DateTimeOffset from, DateTimeOffset to, VisitOptions visits, IReadOnlyList<string> channels, CancellationToken ct = default)
    {
        var matcher = new GoalMatcher(goal);
        var accumulators = state.Scan(workspaceId, () => new LandingAccumulator(matcher, visits, from, to, channels), static (a, p, e, au) => a.Add(p, e, au));
        var landing = accumulators.SelectMany(a => a.Visits).ToList();
        var content = accumulators.SelectMany(a => a.LastTouches).ToList();
        var pages = await landings.ResolveAsync(landing.Select(v => v.Seq).Concat(content.Select(v => v.Seq)), ct);
        return (Group(landing, pages), Group(content, pages));

        static IReadOnlyList<PageRow> Group(List<LandingVisit> visits, IReadOnlyDictionary<long, string> pages) =>
            [.. visits.GroupBy(v => pages.GetValueOrDefault(v.Seq) ?? "(unknown)")
                .Select(g => new PageRow(g.Key, g.Count(), g.Count(v => v.Converted), (double)g.Sum(v => v.Value)))
                .OrderByDescending(r => r.Visits).ThenByDescending(r => r.Revenue).ThenBy(r => r.Page, StringComparer.Ordinal)];
    }

    /// <summary>The cost rows of the days an instant range touches.</summary>
    public async Task<IReadOnlyList<CostRow>> CostsAsync(int workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        await costs.ListAsync(workspaceId, DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1)), cancellationToken: ct);
}

/// <summary>A page (or piece of content) and what the visits that landed on it did.</summary>
public sealed record PageRow(string Page, long Visits, long Conversions, double Revenue);
