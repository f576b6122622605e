using Omnia.Core.Lifecycle;

namespace Omnia.Core.Audiences;

/// <summary>
/// Where one profile stands in its workspace's audiences at one instant: the segments it is in (ids, ascending),
/// its lifecycle stage and persona, and <see cref="NextChange"/>, the earliest later instant at which any of that
/// changes from the passage of time alone (null: only new events or new definitions can change it).
/// </summary>
public sealed record ProfileAudience(IReadOnlyList<long> Segments, DateTimeOffset? NextChange)
{
    /// <summary>The lifecycle stage, or null for a profile with no events.</summary>
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>The key of the persona the profile is assigned to, or null when the workspace has no personas.</summary>
    public string? Persona { get; init; }
}
