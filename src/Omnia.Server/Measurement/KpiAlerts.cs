using System.Globalization;
using System.Text.Json;
using Omnia.Core.Kpis;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Measurement;

/// <summary>A KPI that missed its target in a whole period.</summary>
/// <param name="Id">Channel, KPI, period and its first day: one alert per miss.</param>
public sealed record KpiAlert(string Id, string Channel, string Kpi, string Label, string Op, double Target, string Period, DateOnly PeriodStart, double? Value, DateTimeOffset RaisedAt);

/// <summary>
/// Raises an alert when a KPI misses its target in its last whole period (day, ISO week or month): recorded durably
/// (settings document <c>kpi-alerts</c>, the latest 200), announced to subscribers of <see cref="Raised"/> (in this
/// process), and shown as a notice on the dashboard's analytics pages. Each miss is raised once.
/// </summary>
public sealed class KpiAlerts(TargetChecks checks, IWorkspaceStore workspaces, TimeProvider clock)
{
    public const string Setting = "kpi-alerts";
    private const int Kept = 200;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised once for each new miss (workspace id, alert).</summary>
    public event Action<int, KpiAlert>? Raised;

    /// <summary>The workspace's alerts, newest first.</summary>
    public async Task<IReadOnlyList<KpiAlert>> ListAsync(int workspaceId, CancellationToken ct = default) =>
        await workspaces.GetSettingAsync(workspaceId, Setting, ct) is { } json ? JsonSerializer.Deserialize<List<KpiAlert>>(json, MeasurementSettings.Json) ?? [] : [];

    /// <summary>Judges the workspace's targets on their last whole periods and records the misses not seen before; returns them.</summary>
    public async Task<IReadOnlyList<KpiAlert>> CheckAsync(int workspaceId, CancellationToken ct = default)
    {
        var judged = await checks.LastCompleteAsync(workspaceId, ct);
        await _gate.WaitAsync(ct);
        List<KpiAlert> raised = [];
        try
        {
            var alerts = (await ListAsync(workspaceId, ct)).ToList();
            var now = clock.GetUtcNow();
            foreach (var miss in judged.Where(c => c.Status == TargetStatus.Missed))
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{miss.Channel}|{miss.Kpi}|{miss.Op}|{miss.Period}|{miss.PeriodStart:yyyy-MM-dd}");
                if (alerts.Any(a => a.Id == id))
                    continue;
                var alert = new KpiAlert(id, miss.Channel, miss.Kpi, miss.Label, miss.Op, miss.Target, miss.Period, miss.PeriodStart, miss.Value, now);
                alerts.Insert(0, alert);
                raised.Add(alert);
            }

            if (raised.Count > 0)
                await workspaces.PutSettingAsync(workspaceId, Setting, JsonSerializer.Serialize(alerts.Take(Kept), MeasurementSettings.Json), ct);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var alert in raised)
            Raised?.Invoke(workspaceId, alert);
        return raised;
    }

    /// <summary>Checks every workspace; returns how many alerts were raised.</summary>
    public async Task<int> CheckAllAsync(CancellationToken ct = default)
    {
        var count = 0;
        foreach (var workspace in await workspaces.ListWorkspacesAsync(ct))
            count += (await CheckAsync(workspace.Id, ct)).Count;
        return count;
    }
}
