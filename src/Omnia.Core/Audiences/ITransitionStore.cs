namespace Omnia.Core.Audiences;

/// <summary>
/// The recorded entries and exits of segments, durable and queryable. The derived state numbers them; a snapshot
/// remembers the next number, so after a crash the store drops what came after the snapshot
/// (<see cref="DeleteFromAsync"/>) and replaying the log records it again: each transition is recorded once.
/// </summary>
public interface ITransitionStore
{
    /// <summary>Appends transitions (ids already assigned, increasing) in one durable write.</summary>
    ValueTask AppendAsync(IReadOnlyList<SegmentTransition> transitions, CancellationToken cancellationToken = default);

    /// <summary>Deletes every transition with an id at or after <paramref name="id"/>.</summary>
    ValueTask DeleteFromAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Deletes every transition of these profiles (an erasure).</summary>
    ValueTask DeleteProfilesAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    /// <summary>The highest recorded id, 0 when none.</summary>
    ValueTask<long> LastIdAsync(CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IAudienceStore.TransitionsAsync"/>.</summary>
    ValueTask<IReadOnlyList<SegmentTransition>> TransitionsAsync(int workspaceId, long afterId, int limit, long? segmentId = null, long? profileId = null, CancellationToken cancellationToken = default);

    /// <summary>See <see cref="IAudienceStore.TransitionDaysAsync"/>.</summary>
    ValueTask<IReadOnlyList<(DateOnly Day, long Entered, long Exited)>> TransitionDaysAsync(long segmentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
