using Omnia.Core.Analytics;
using Omnia.Core.Attribution;
using Omnia.Core.Kpis;
using Omnia.Core.Paths;
using Omnia.Core.Touchpoints;

namespace Omnia.Server.Measurement;

/// <summary>Assembles the monthly cross-channel report from the same queries the API and dashboard use.</summary>
public sealed class MonthlyReportBuilder(MeasurementQueries queries, MeasurementSettings settings, TargetChecks targets, TimeProvider clock)
{
    /// <summary>The models the report's attribution summary shows.</summary>
    public static IReadOnlyList<AttributionModel> SummaryModels { get; } =
        [AttributionModel.FirstTouch, AttributionModel.LastNonDirect, AttributionModel.Linear, AttributionModel.Markov(1), AttributionModel.Shapley];

    /// <summary>The report of <paramref name="month"/> (its first day) for the goal named (the first goal when null).</summary>
    public async Task<Answer<MonthlyReport>> BuildAsync(int workspaceId, string workspaceName, DateOnly month, string? goalSlug, CancellationToken ct = default)
    {
        var goals = await settings.GoalsAsync(workspaceId, ct);
        var goal = goalSlug is null ? goals[0] : goals.FirstOrDefault(g => g.Slug == goalSlug);
        if (goal is null)
            return Answer<MonthlyReport>.Refused([$"goal: there is no goal '{goalSlug}'; use one of {string.Join(", ", goals.Select(g => g.Slug))}"]);
        var visits = (await settings.VisitSettingsAsync(workspaceId, ct)).ToOptions();
        var first = new DateOnly(month.Year, month.Month, 1);
        var next = first.AddMonths(1);
        var (from, to) = (MeasurementParameters.Instant(first), MeasurementParameters.Instant(next));

        var daily = await queries.KpisAsync(workspaceId, goal, new KpiQuery { From = first, To = next, Period = KpiPeriod.Day, Visits = visits }, ct);
        var campaigns = await queries.KpisAsync(workspaceId, goal, new KpiQuery { From = first, To = next, Period = KpiPeriod.Month, Level = AttributionLevel.Campaign, Visits = visits }, ct);
        var previous = await queries.KpisAsync(workspaceId, goal, new KpiQuery { From = first.AddMonths(-1), To = first, Period = KpiPeriod.Month, Visits = visits }, ct);

        var goalSummaries = new List<GoalSummary>();
        PathReport? mainPaths = null;
        foreach (var g in goals)
        {
            var paths = queries.Paths(workspaceId, g, new PathQuery { From = from, To = to, Visits = visits, Top = g == goal ? int.MaxValue : 3 });
            if (g == goal)
                mainPaths = paths;
            var all = paths.Groups.FirstOrDefault();
            goalSummaries.Add(new GoalSummary(g.Slug, g.Name, paths.Conversions, paths.Revenue, paths.Journeys, [.. (all?.TopConverting ?? []).Take(3)]));
        }

        var comparison = await queries.AttributionAsync(workspaceId, goal, from, to, visits, SummaryModels, AttributionOptions.Default, ct);
        var attribution = comparison.Rows.Select(r => new AttributionSummaryRow(r.Channel, r.Cost,
            r.Models.ToDictionary(m => m.Model, m => m.Conversions), r.Models.ToDictionary(m => m.Model, m => m.Revenue))).ToList();
        var (landing, _) = await queries.LandingPagesAsync(workspaceId, goal, from, to, visits, [Channels.OrganicSearch], ct);
        var converting = mainPaths!.Groups.SelectMany(g => g.TopConverting).ToList();
        var search = new SearchSection(
            daily.Totals.FirstOrDefault(r => r.Channel == Channels.OrganicSearch),
            [.. landing.Take(15)],
            converting.Sum(p => p.Conversions),
            converting.Where(p => p.Touches.Any(t => t.Channel == Channels.OrganicSearch)).Sum(p => p.Conversions),
            converting.Where(p => p.Touches[^1].Channel == Channels.OrganicSearch).Sum(p => p.Conversions),
            Credit(comparison, AttributionModel.Linear, Channels.OrganicSearch));

        var days = daily.Rows.GroupBy(r => r.Period!.Value).OrderBy(g => g.Key)
            .Select(g => new DayTotal(g.Key, g.Sum(r => r.Visits), g.Sum(r => r.Conversions), g.Sum(r => r.Revenue), g.Sum(r => r.Cost ?? 0))).ToList();
        var linear = comparison.Models.ToList().IndexOf(AttributionModel.Linear.Name);
        var pareto = Pareto.Rank(comparison.Rows.Select(r => (r.Channel, r.Models[linear].Revenue)));
        var monthTargets = (await settings.TargetsAsync(workspaceId, ct)).ToList();
        return Answer<MonthlyReport>.Of(new MonthlyReport(
            workspaceName,
            first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            goal.Slug,
            goal.Name,
            clock.GetUtcNow(),
            Totals(daily),
            Totals(previous),
            days,
            daily.Totals,
            goalSummaries,
            search,
            Section("Social", daily, campaigns, Channels.Social, Channels.PaidSocial),
            Section("Paid search", daily, campaigns, Channels.PaidSearch),
            Section("Email", daily, campaigns, Channels.Email),
            queries.Devices(workspaceId, goal, from, to, visits),
            pareto,
            attribution,
            await targets.JudgeAsync(workspaceId, monthTargets, first, next, ct)));
    }

    private static ReportTotals Totals(KpiReport report) => new(
        report.Totals.Sum(r => r.Visits),
        report.Totals.Sum(r => r.Conversions) + report.ConversionsWithoutTouchpoint,
        report.Totals.Sum(r => r.Revenue) + report.RevenueWithoutTouchpoint,
        report.Totals.Sum(r => r.Cost ?? 0));

    private static ChannelSection Section(string title, KpiReport daily, KpiReport campaigns, params string[] channels) => new(
        title,
        [.. daily.Totals.Where(r => channels.Contains(r.Channel))],
        [.. campaigns.Totals.Where(r => channels.Contains(r.Channel))]);

    private static double Credit(ModelComparison comparison, AttributionModel model, string channel)
    {
        var index = comparison.Models.ToList().IndexOf(model.Name);
        return comparison.Rows.Where(r => r.Channel == channel).Sum(r => r.Models[index].Conversions);
    }
}
