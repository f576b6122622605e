namespace Omnia.Core.Audiences;

/// <summary>
/// The membership changes from one run of the audience processor, saved in one transaction with the work it
/// consumed (dirty marks, due timers, recompute progress), so a crash redoes the work and records each
/// transition exactly once.
/// </summary>
public sealed class AudienceBatch
{
    /// <summary>Profiles as they stand now; their timers are set to <see cref="ProfileAudience.NextChange"/>.</summary>
    public List<(int WorkspaceId, long ProfileId, ProfileAudience Audience)> Profiles { get; } = [];

    /// <summary>Profiles that no longer exist (merged away): their membership and timer are removed.</summary>
    public List<long> Removed { get; } = [];

    /// <summary>Entries and exits, in the order they were decided (ids are assigned on save).</summary>
    public List<SegmentTransition> Transitions { get; } = [];

    /// <summary>Dirty marks handled: removed only if the mark is unchanged, so an event that arrived meanwhile is not lost.</summary>
    public List<(long ProfileId, long Mark)> Consumed { get; } = [];

    /// <summary>Recompute progress of a workspace, when this batch is part of one.</summary>
    public RecomputeProgress? Recompute { get; set; }
}

/// <summary>
/// How far a full recompute of a workspace has come: every profile with an id up to <see cref="Cursor"/> is
/// evaluated under the model with <see cref="Fingerprint"/>. <see cref="Done"/> once all are.
/// </summary>
public sealed record RecomputeProgress(int WorkspaceId, string Fingerprint, long Cursor, bool Done);

/// <summary>A profile whose audiences must be re-decided: it has new events (<see cref="DirtyMark"/>) or a timer that is due.</summary>
public readonly record struct AudienceWork(int WorkspaceId, long ProfileId, long? DirtyMark, DateTimeOffset? DueAt);

/// <summary>What the store holds for a profile: its segments, lifecycle stage, persona and the time of its next re-evaluation.</summary>
public sealed record StoredAudience(long ProfileId, IReadOnlyList<long> Segments, DateTimeOffset? NextChange)
{
    public Lifecycle.LifecycleStage? LifecycleStage { get; init; }

    public string? Persona { get; init; }
}
