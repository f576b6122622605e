using Omnia.Core.Attribution;
using Omnia.Core.Goals;
using Omnia.Core.Kpis;

namespace Omnia.Server.Measurement;

/// <summary>How one KPI target stands in one period.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Kpi">The KPI's name.</param>
/// <param name="Label">What people read.</param>
/// <param name="Op">atLeast or atMost.</param>
/// <param name="Target">The value to reach or stay under.</param>
/// <param name="Period">day, week or month.</param>
/// <param name="PeriodStart">The first day of the period judged.</param>
/// <param name="Value">The KPI's value then (null: no data).</param>
/// <param name="Status">met, missed or noData.</param>
public sealed record TargetCheck(string Channel, string Kpi, string Label, string Op, double Target, string Period, DateOnly PeriodStart, double? Value, TargetStatus Status);

/// <summary>Judges KPI targets against channel KPIs: for a given period, or for the last whole period before now.</summary>
public sealed class TargetChecks(MeasurementQueries queries, MeasurementSettings settings, TimeProvider clock)
{
    /// <summary>Every target judged on the last whole period of its kind (the last day, ISO week or month) before now.</summary>
    public async Task<IReadOnlyList<TargetCheck>> LastCompleteAsync(int workspaceId, CancellationToken ct = default)
    {
        var targets = await settings.TargetsAsync(workspaceId, ct);
        var checks = new List<TargetCheck>();
        foreach (var byPeriod in targets.GroupBy(t => t.Period))
        {
            var (from, to) = KpiPeriods.LastComplete(clock.GetUtcNow(), byPeriod.Key);
            checks.AddRange(await JudgeAsync(workspaceId, byPeriod.ToList(), from, to, ct));
        }

        return checks;
    }

    /// <summary>Every target of <paramref name="targets"/> judged on each of its periods that start in [from, to).</summary>
    public async Task<IReadOnlyList<TargetCheck>> JudgeAsync(int workspaceId, IReadOnlyList<KpiTarget> targets, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (targets.Count == 0)
            return [];
        var goal = await settings.GoalAsync(workspaceId, null, ct) ?? ConversionGoal.Purchase;
        var visits = (await settings.VisitSettingsAsync(workspaceId, ct)).ToOptions();
        var checks = new List<TargetCheck>();
        foreach (var byPeriod in targets.GroupBy(t => t.Period))
        {
            var report = await queries.KpisAsync(workspaceId, goal, new KpiQuery { From = from, To = to, Period = byPeriod.Key, Level = AttributionLevel.Channel, Visits = visits }, ct);
            var periods = new List<DateOnly>();
            for (var start = KpiPeriods.Start(from, byPeriod.Key); start < to; start = KpiPeriods.Next(start, byPeriod.Key))
            {
                if (start >= from)
                    periods.Add(start);
            }

            foreach (var target in byPeriod)
            {
                var kpi = KpiCatalog.Find(target.Kpi)!;
                foreach (var start in periods)
                {
                    // A channel with nothing in a period counted zero visits, conversions and revenue, and has no rate or cost.
                    var row = report.Rows.FirstOrDefault(r => r.Period == start && r.Channel == target.Channel)
                        ?? new KpiRow(start, target.Channel, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
                    var value = KpiCatalog.Value(row, target.Kpi);
                    checks.Add(new TargetCheck(target.Channel, target.Kpi, kpi.Label, target.Direction == TargetDirection.AtLeast ? "atLeast" : "atMost",
                        target.Value, KpiPeriods.Word(target.Period), start, value, target.Judge(value)));
                }
            }
        }

        return checks;
    }
}
