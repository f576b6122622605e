namespace Omnia.Core.Audiences;

/// <summary>
/// How far a full recompute of a workspace has come: every profile with an id up to <see cref="Cursor"/> is
/// evaluated under the model with <see cref="Fingerprint"/>. <see cref="Done"/> once all are.
/// </summary>
public sealed record RecomputeProgress(int WorkspaceId, string Fingerprint, long Cursor, bool Done);

/// <summary>Where a profile stands in its audiences: its segments (ascending ids), lifecycle stage, persona and the time of its next re-evaluation.</summary>
public sealed record StoredAudience(long ProfileId, IReadOnlyList<long> Segments, DateTimeOffset? NextChange)
{
    public Lifecycle.LifecycleStage? LifecycleStage { get; init; }

    public string? Persona { get; init; }
}
