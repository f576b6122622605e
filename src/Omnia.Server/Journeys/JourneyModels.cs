using System.Collections.Concurrent;
using Omnia.Core.Journeys;

namespace Omnia.Server.Journeys;

/// <summary>
/// The journeys each workspace runs (compiled live versions and the versions instances are still on), as the journey
/// engine in the processor reads them. Replaced when a journey is published, paused or archived; <see cref="Changed"/>
/// wakes the processor.
/// </summary>
public sealed class JourneyModels
{
    private readonly ConcurrentDictionary<int, JourneyModel> _models = new();

    /// <summary>Raised after a workspace's journeys changed.</summary>
    public event Action<int>? Changed;

    /// <summary>Every workspace's journeys (workspaces without any are left out).</summary>
    public IReadOnlyList<JourneyModel> All() => [.. _models.Values];

    /// <summary>Replaces a workspace's journeys.</summary>
    public void Set(JourneyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _models[model.WorkspaceId] = model;
        Changed?.Invoke(model.WorkspaceId);
    }
}
