using Omnia.Core.Journeys;

namespace Omnia.Server.Journeys;

/// <summary>
/// Where the definition side (API, builder) meets the running engine: after a publish, pause, resume or archive the
/// engine recompiles the workspace's journeys (<see cref="ReloadAsync"/>), and the journey pages read the engine's
/// live counts (<see cref="Counters"/>). The engine sets both when it starts; until then a publish is stored only and
/// counts read as none.
/// </summary>
public sealed class JourneyEngineLink
{
    /// <summary>Recompiles a workspace's journeys into the engine; set by the engine.</summary>
    public Func<int, CancellationToken, Task> Reload { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>The live counts of a journey (workspace, journey id), all versions; null when the engine has none.</summary>
    public Func<int, long, JourneyCounters?> Counters { get; set; } = (_, _) => null;

    /// <summary>Tells the engine a workspace's journeys changed.</summary>
    public Task ReloadAsync(int workspaceId, CancellationToken ct) => Reload(workspaceId, ct);
}
