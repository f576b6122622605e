using System.Collections.Concurrent;
using Omnia.Core.Audiences;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Audiences;

/// <summary>
/// The compiled audience model of each workspace, loaded from the stores once and replaced when a definition
/// changes. <see cref="Changed"/> wakes the audience processor, which then recomputes that workspace.
/// </summary>
public sealed class AudienceModels
{
    private readonly ConcurrentDictionary<int, AudienceModel> _models = new();
    private readonly IWorkspaceStore _workspaces;
    private readonly ISegmentStore _segments;
    private readonly AudienceSettingsDocuments _settings;
    private readonly Measurement.MeasurementSettings _measurement;

    public AudienceModels(IWorkspaceStore workspaces, ISegmentStore segments, AudienceSettingsDocuments settings, Measurement.MeasurementSettings measurement)
    {
        (_workspaces, _segments, _settings, _measurement) = (workspaces, segments, settings, measurement);
        settings.Changed += ReloadAsync;
        // Goals and funnels name event properties that events must keep for reports to read them from memory.
        measurement.Changed += ReloadAsync;
    }

    /// <summary>Raised after a workspace's model was replaced.</summary>
    public event Action<int>? Changed;

    /// <summary>Every workspace's model.</summary>
    public async ValueTask<IReadOnlyList<AudienceModel>> AllAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<AudienceModel>();
        foreach (var workspace in await _workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(await ForAsync(workspace.Id, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    public async ValueTask<AudienceModel> ForAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        if (_models.TryGetValue(workspaceId, out var model))
        {
            return model;
        }

        return _models.GetOrAdd(workspaceId, await BuildAsync(workspaceId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reloads a workspace's model after its definitions changed.</summary>
    public async ValueTask ReloadAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        _models[workspaceId] = await BuildAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        Changed?.Invoke(workspaceId);
    }

    private async Task<AudienceModel> BuildAsync(int workspaceId, CancellationToken cancellationToken) => AudienceModel.Build(
        workspaceId,
        await _segments.ListSegmentsAsync(workspaceId, cancellationToken).ConfigureAwait(false),
        await _settings.LoadAsync(workspaceId, cancellationToken).ConfigureAwait(false) with
        {
            ReportPropertyNames = await _measurement.ReportPropertyNamesAsync(workspaceId, cancellationToken).ConfigureAwait(false),
        });
}
