using Omnia.Core.Lifecycle;

namespace Omnia.Core.Audiences;

/// <summary>
/// Reads segment membership, lifecycle stages and personas (held in memory, see <see cref="Processing.DerivedState"/>)
/// and the recorded entries and exits (<see cref="ITransitionStore"/>).
/// </summary>
public interface IAudienceStore
{
    /// <summary>The audiences of these profiles (absent: not evaluated yet, or merged away).</summary>
    ValueTask<IReadOnlyDictionary<long, StoredAudience>> GetAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    /// <summary>Whether membership reflects the workspace's current model, and how far a recompute has come; null before any.</summary>
    ValueTask<RecomputeProgress?> RecomputeProgressAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the workspace's profiles after <paramref name="afterId"/>, ascending.</summary>
    ValueTask<IReadOnlyList<long>> ProfileIdsAsync(int workspaceId, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A uniform random sample of up to <paramref name="size"/> of the workspace's profile ids (all of them when
    /// there are no more), and how many profiles the workspace has. The same seed gives the same sample.
    /// </summary>
    ValueTask<(IReadOnlyList<long> Sample, long Population)> SampleProfileIdsAsync(int workspaceId, int size, int seed, CancellationToken cancellationToken = default);

    /// <summary>Profiles per lifecycle stage and per persona key in the workspace.</summary>
    ValueTask<(IReadOnlyDictionary<LifecycleStage, long> Stages, IReadOnlyDictionary<string, long> Personas)> DistributionAsync(int workspaceId, CancellationToken cancellationToken = default);

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
