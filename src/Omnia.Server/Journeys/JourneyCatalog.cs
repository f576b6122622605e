using Microsoft.Extensions.Hosting;
using Omnia.Core.Journeys;
using Omnia.Core.Workspaces;
using Omnia.Server.Audiences;

namespace Omnia.Server.Journeys;

/// <summary>
/// Publishing and pausing journeys, and keeping <see cref="JourneyModels"/> in step with the store: at start (before
/// the processor applies any event, as a hosted service registered ahead of it) every workspace's journeys are
/// compiled, and each publish or status change recompiles that workspace's. One code path for the API, the CLI,
/// the dashboard and the demo. A saved contact policy recompiles too: its consent rules decide who choose-channel steps reach.
/// </summary>
public sealed class JourneyCatalog(
    IJourneyStore store, IWorkspaceStore workspaces, AudienceSettingsDocuments settings, JourneyModels models, Messaging.ContactPolicies policies) : IHostedService
{
    /// <summary>Validates the saved draft and publishes it as the next version (or the live one when unchanged).</summary>
    public async Task<PublishOutcome> PublishAsync(int workspaceId, string slug, string? publishedBy, CancellationToken ct = default)
    {
        var journey = await store.FindJourneyAsync(workspaceId, slug, ct).ConfigureAwait(false);
        if (journey is null)
            return PublishOutcome.NotFound();

        var parsed = JourneyDefinition.Parse(journey.DraftJson, await settings.LoadComputedTraitsAsync(workspaceId, ct).ConfigureAwait(false));
        if (!parsed.IsValid)
            return PublishOutcome.Invalid(parsed.Errors.Select(e => e.ToString()).ToList());

        var version = await store.PublishAsync(workspaceId, slug, publishedBy, ct).ConfigureAwait(false);
        await RefreshAsync(workspaceId, ct).ConfigureAwait(false);
        return PublishOutcome.Published(version);
    }

    /// <summary>Pauses, resumes (to live) or archives a journey; false when there is no such journey or it was never published.</summary>
    public async Task<bool> SetStatusAsync(int workspaceId, string slug, JourneyStatus status, CancellationToken ct = default)
    {
        var journey = await store.FindJourneyAsync(workspaceId, slug, ct).ConfigureAwait(false);
        if (journey is null || (status == JourneyStatus.Live && journey.LiveVersion == 0) || status == JourneyStatus.Draft)
            return false;

        if (!await store.SetStatusAsync(workspaceId, slug, status, ct).ConfigureAwait(false))
            return false;

        await RefreshAsync(workspaceId, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Recompiles a workspace's journeys from the store and hands them to the engine.</summary>
    public async Task RefreshAsync(int workspaceId, CancellationToken ct = default)
    {
        var journeys = await store.ListJourneysAsync(workspaceId, ct).ConfigureAwait(false);
        var versions = await store.AllVersionsAsync(workspaceId, ct).ConfigureAwait(false);
        var compiled = versions.ToDictionary(v => (v.JourneyId, v.Version), Compile);
        var live = journeys
            .Where(j => j.Status == JourneyStatus.Live && j.LiveVersion > 0)
            .Select(j => compiled[(j.Id, j.LiveVersion)])
            .ToList();
        models.Set(new JourneyModel(workspaceId, live, compiled.Values) { Policy = await policies.ForAsync(workspaceId, ct).ConfigureAwait(false) });
    }

    /// <summary>Compiles every workspace's journeys.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        policies.Saved += PolicySaved;
        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
            await RefreshAsync(workspace.Id, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        policies.Saved -= PolicySaved;
        return Task.CompletedTask;
    }

    private Task PolicySaved(int workspaceId) => RefreshAsync(workspaceId);

    private static CompiledJourney Compile(JourneyVersion version)
    {
        var parsed = JourneyDefinition.ParseSaved(version.DefinitionJson);
        if (!parsed.IsValid)
        {
            // Versions were valid when published; one that no longer parses is a bug to surface, not to skip.
            throw new InvalidOperationException(
                $"Published version {version.Version} of journey {version.JourneyId} no longer parses: {string.Join("; ", parsed.Errors)}");
        }

        return CompiledJourney.Compile(version.JourneyId, version.Version, parsed.Definition);
    }
}

/// <summary>What <see cref="JourneyCatalog.PublishAsync"/> did: published a version, or why not.</summary>
public sealed record PublishOutcome(JourneyVersion? Version, IReadOnlyList<string> Errors, bool Missing)
{
    public static PublishOutcome Published(JourneyVersion version) => new(version, [], false);

    public static PublishOutcome Invalid(IReadOnlyList<string> errors) => new(null, errors, false);

    public static PublishOutcome NotFound() => new(null, [], true);
}
