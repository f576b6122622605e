using Omnia.Core.Demo;
using Omnia.Core.Events;
using Omnia.Core.Workspaces;
using Omnia.Server.Audiences;
using Omnia.Server.Ingestion;
using Omnia.Server.Processing;

namespace Omnia.Server.Hosting;

/// <summary>Loads the synthetic demo dataset into an empty store through the normal ingestion pipeline, with its segments.</summary>
public sealed class DemoLoader(
    IWorkspaceStore workspaces, IEventStore log, EventWriter writer, ProcessingService processing, SegmentCatalog segments,
    PersonaCatalog personas, Measurement.MeasurementSettings measurement, Measurement.MeasurementQueries queries, Omnia.Core.Costs.ICostStore costs,
    Measurement.KpiAlerts alerts, Journeys.DemoJourneyInstaller demoJourneys,
    TimeProvider clock, ILogger<DemoLoader> logger)
{
    /// <summary>True when <see cref="LoadIfEmptyAsync"/> would load the demo: the log has no events yet.</summary>
    public async Task<bool> WillLoadAsync(CancellationToken cancellationToken = default) => await log.LastSeqAsync(cancellationToken) == 0;

    /// <summary>Loads the demo into workspace <c>default</c> unless the log already has events; returns the number of events stored.</summary>
    public async Task<long> LoadIfEmptyAsync(int customers, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!await WillLoadAsync(cancellationToken))
        {
            logger.LogInformation("The store has events already; the demo dataset is not loaded again");
            return 0;
        }

        var workspace = await workspaces.FindWorkspaceAsync(FirstRun.DefaultWorkspace, cancellationToken)
            ?? throw new InvalidOperationException("Workspace 'default' is missing.");
        var source = await workspaces.CreateSourceAsync(workspace.Id, "Demo data", "demo", SecretKeys.Hash(SecretKeys.NewWriteKey()), "demo", cancellationToken);
        var options = new DemoOptions(clock.GetUtcNow(), Customers: customers);
        long stored = 0;
        var batch = new List<string>(2000);
        foreach (string json in DemoDataset.Generate(options))
        {
            batch.Add(json);
            if (batch.Count == 2000)
            {
                stored += await FlushAsync();
            }
        }

        stored += await FlushAsync();
        await processing.CatchUpAsync(cancellationToken);
        foreach (var (slug, json) in DemoSegments.All)
        {
            var saved = await segments.SaveAsync(workspace.Id, slug, json, createOnly: false, cancellationToken);
            if (saved.Segment is null)
            {
                throw new InvalidOperationException($"Demo segment '{slug}' is invalid: {string.Join("; ", saved.Errors)}");
            }
        }
        await processing.AudiencesCaughtUpAsync(cancellationToken);
        // Six personas: over 3–6 the silhouette prefers 3 broad ones on this data (buyers, anonymous, SMS responders);
        // six separate store regulars, app regulars and email-engaged customers, which is what a marketer would look for.
        await personas.TrainAsync(workspace.Id, k: 6, seed: 1, cancellationToken);
        await processing.AudiencesCaughtUpAsync(cancellationToken);
        await LoadMeasurementAsync(workspace.Id, options, cancellationToken);
        await processing.AudiencesCaughtUpAsync(cancellationToken);
        // Journeys go live after the history is in, so the recorded carts of past months send nothing now; each is
        // replayed over that history first (nothing sent), so the journeys show what they would have done.
        await demoJourneys.InstallAsync(workspace.Id, historyDays: options.Days, ct: cancellationToken);
        logger.LogInformation("Loaded {Events} demo events for {Customers} customers", stored, customers);
        return stored;

        async Task<long> FlushAsync()
        {
            if (batch.Count == 0)
            {
                return 0;
            }

            var (outcome, rejected) = await writer.WriteAsync(workspace.Id, source.Id, batch, cancellationToken);
            if (rejected.Count > 0)
            {
                logger.LogWarning("{Count} demo events were rejected, first: {Error}", rejected.Count, string.Join("; ", rejected[0].Errors));
            }

            batch.Clear();
            progress?.Report(outcome.Appended);
            return outcome.Appended;
        }
    }

    /// <summary>The demo's funnels and KPI targets, and costs for its paid channels derived from the visits they brought.</summary>
    private async Task LoadMeasurementAsync(int workspaceId, DemoOptions options, CancellationToken ct)
    {
        foreach (var (slug, json) in DemoMeasurement.Funnels)
        {
            var (saved, _, errors) = await measurement.SaveFunnelAsync(workspaceId, slug, json, ct);
            if (saved is null)
            {
                throw new InvalidOperationException($"Demo funnel '{slug}' is invalid: {string.Join("; ", errors)}");
            }
        }

        var targetErrors = await measurement.SaveTargetsAsync(workspaceId, DemoMeasurement.Targets, ct);
        if (targetErrors.Count > 0)
        {
            throw new InvalidOperationException($"The demo KPI targets are invalid: {string.Join("; ", targetErrors)}");
        }

        var today = DateOnly.FromDateTime(options.Now.UtcDateTime);
        var query = new Omnia.Core.Kpis.KpiQuery { From = today.AddDays(-options.Days - 1), To = today.AddDays(2), Level = Omnia.Core.Attribution.AttributionLevel.Campaign };
        var kpis = await queries.KpisAsync(workspaceId, Omnia.Core.Goals.ConversionGoal.Purchase, query, ct);
        var rows = DemoCosts.From(
            kpis.Rows.Select(r => (r.Period!.Value, r.Channel, r.Campaign, r.Visits)),
            kpis.Rows.Where(r => r.Channel == Omnia.Core.Touchpoints.Channels.Sms).Select(r => (r.Period!.Value, r.Campaign, r.Sends)));
        await costs.PutAsync(workspaceId, rows, ct);
        logger.LogInformation("Loaded {Rows} demo cost rows", rows.Count);
        // So a new installation shows its first KPI alerts at once rather than at the next check.
        await alerts.CheckAsync(workspaceId, ct);
    }
}
