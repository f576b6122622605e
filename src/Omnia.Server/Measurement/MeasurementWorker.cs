using Omnia.Server.Processing;

namespace Omnia.Server.Measurement;

/// <summary>
/// Every ten minutes (by the injected clock): raises KPI alerts for targets missed in their last whole period and
/// emails the monthly reports whose schedule is due. Starts a minute after the derived state is loaded, so it never
/// competes with start-up work (the demo load raises its own alerts when it is done).
/// </summary>
public sealed class MeasurementWorker(KpiAlerts alerts, ReportMailing mailing, ProcessingService processing, TimeProvider clock, ILogger<MeasurementWorker> logger)
    : BackgroundService
{
    /// <summary>How often the worker looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>How long after start-up the worker first looks.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await processing.LoadedAsync(stoppingToken);
            await Task.Delay(FirstDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look: alerts, then due reports. Failures are logged and tried again next time.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var raised = await alerts.CheckAllAsync(ct);
            if (raised > 0)
                logger.LogWarning("{Count} KPI target(s) missed; see the dashboard's KPI page", raised);
            var sent = await mailing.SendDueAsync(ct);
            if (sent > 0)
                logger.LogInformation("Sent {Count} monthly report(s)", sent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Measurement checks failed; trying again in {Interval}", Interval);
        }
    }
}
