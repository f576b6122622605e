namespace Omnia.Core.Audiences;

/// <summary>Segment membership, its transitions and the audience processor's work queue: derived state, rebuildable from the log.</summary>
public interface IAudienceStore
{
    /// <summary>Profiles with new events since their audiences were decided, then profiles whose timer is due at <paramref name="now"/>.</summary>
    ValueTask<IReadOnlyList<AudienceWork>> PendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest timer of any profile, or null.</summary>
    ValueTask<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored audiences of these profiles (absent: none stored yet).</summary>
    ValueTask<IReadOnlyDictionary<long, StoredAudience>> GetAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    ValueTask SaveAsync(AudienceBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The last saved recompute progress of a workspace, or null when it never recomputed.</summary>
    ValueTask<RecomputeProgress?> RecomputeProgressAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the workspace's profiles after <paramref name="afterId"/>, ascending.</summary>
    ValueTask<IReadOnlyList<long>> ProfileIdsAsync(int workspaceId, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A uniform random sample of up to <paramref name="size"/> of the workspace's profile ids (all of them when
    /// there are no more), and how many profiles the workspace has. The same seed gives the same sample.
    /// </summary>
    ValueTask<(IReadOnlyList<long> Sample, long Population)> SampleProfileIdsAsync(int workspaceId, int size, int seed, CancellationToken cancellationToken = default);

    /// <summary>Profiles per lifecycle stage (null: no stage) and per persona key (null: none) in the workspace.</summary>
    ValueTask<(IReadOnlyDictionary<Lifecycle.LifecycleStage, long> Stages, IReadOnlyDictionary<string, long> Personas)> DistributionAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Members per segment of the workspace.</summary>
    ValueTask<IReadOnlyDictionary<long, long>> SizesAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Member profile ids of a segment after <paramref name="afterProfileId"/>, ascending.</summary>
    ValueTask<IReadOnlyList<long>> MembersAsync(long segmentId, long afterProfileId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Transitions of the workspace with an id after <paramref name="afterId"/>, oldest first, optionally of one
    /// segment or one profile only.
    /// </summary>
    ValueTask<IReadOnlyList<SegmentTransition>> TransitionsAsync(int workspaceId, long afterId, int limit, long? segmentId = null, long? profileId = null, CancellationToken cancellationToken = default);

    /// <summary>Entries and exits of a segment per UTC day in [from, to].</summary>
    ValueTask<IReadOnlyList<(DateOnly Day, long Entered, long Exited)>> TransitionDaysAsync(long segmentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
