using System.Collections.Concurrent;
using Omnia.Core.Audiences;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Audiences;

/// <summary>
/// The compiled audience model of each workspace, loaded from the stores once and replaced when a definition
/// changes. <see cref="Changed"/> wakes the audience processor, which then recomputes that workspace.
/// </summary>
public sealed class AudienceModels(IWorkspaceStore workspaces, ISegmentStore segments)
{
    private readonly ConcurrentDictionary<int, AudienceModel> _models = new();

    /// <summary>Raised after a workspace's model was replaced.</summary>
    public event Action<int>? Changed;

    /// <summary>Every workspace's model.</summary>
    public async ValueTask<IReadOnlyList<AudienceModel>> AllAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<AudienceModel>();
        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
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

        model = AudienceModel.Build(workspaceId, await segments.ListSegmentsAsync(workspaceId, cancellationToken).ConfigureAwait(false));
        return _models.GetOrAdd(workspaceId, model);
    }

    /// <summary>Reloads a workspace's model after its definitions changed.</summary>
    public async ValueTask ReloadAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        _models[workspaceId] = AudienceModel.Build(workspaceId, await segments.ListSegmentsAsync(workspaceId, cancellationToken).ConfigureAwait(false));
        Changed?.Invoke(workspaceId);
    }
}
