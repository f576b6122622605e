using Omnia.Core.Audiences;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Processing;

/// <summary>Visits one profile during <see cref="DerivedState.Scan{T}"/>: its state, its events in time order and its audiences.</summary>
/// <remarks>The arguments are live views, valid only during the call: copy what you keep. Never change them.</remarks>
public delegate void ProfileVisitor<in T>(T accumulator, ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience);

public sealed partial class DerivedState
{
    /// <summary>
    /// Runs <paramref name="visit"/> over every live profile of a workspace, on every core: reports over all
    /// events (paths, funnels, KPIs) read the behaviour in memory this way instead of the log. Each worker gets its own
    /// accumulator from <paramref name="newAccumulator"/>; the accumulators come back to be merged. Profiles are read
    /// under the read lock a few hundred at a time, so the processor is held up for milliseconds, not for the scan.
    /// </summary>
    public IReadOnlyList<T> Scan<T>(int workspaceId, Func<T> newAccumulator, ProfileVisitor<T> visit)
    {
        ArgumentNullException.ThrowIfNull(newAccumulator);
        ArgumentNullException.ThrowIfNull(visit);
        var keys = new long[PartitionCount][];
        Lock.EnterReadLock();
        try
        {
            for (var p = 0; p < PartitionCount; p++)
                keys[p] = [.. Partitions[p].Keys];
        }
        finally
        {
            Lock.ExitReadLock();
        }

        var accumulators = new T[PartitionCount];
        Parallel.For(0, PartitionCount, p =>
        {
            var accumulator = newAccumulator();
            var partition = Partitions[p];
            for (var start = 0; start < keys[p].Length; start += 512)
            {
                Lock.EnterReadLock();
                try
                {
                    var end = Math.Min(keys[p].Length, start + 512);
                    for (var i = start; i < end; i++)
                    {
                        if (partition.TryGetValue(keys[p][i], out var entry) && entry.WorkspaceId == workspaceId)
                            visit(accumulator, entry.State, entry.Events, entry.Audience);
                    }
                }
                finally
                {
                    Lock.ExitReadLock();
                }
            }

            accumulators[p] = accumulator;
        });
        return accumulators;
    }
}
