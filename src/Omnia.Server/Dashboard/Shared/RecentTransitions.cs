using Omnia.Core.Audiences;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>
/// The latest entries and exits of a segment, newest first. The store reads transitions oldest first after an id
/// (the shape followers of the stream need), so the newest <c>count</c> are found by searching for the id after
/// which exactly <c>count</c> remain: a doubling then a halving search of short indexed reads, not a scan of them all.
/// </summary>
public static class RecentTransitions
{
    public static async Task<IReadOnlyList<SegmentTransition>> LatestAsync(
        IAudienceStore store, int workspaceId, long segmentId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var first = await store.TransitionsAsync(workspaceId, 0, count + 1, segmentId, cancellationToken: cancellationToken);
        if (first.Count <= count)
        {
            return first.Reverse().ToList();
        }

        // Invariant: more than `count` transitions lie after `low`, at most `count` after `high`.
        long low = first[0].Id - 1;
        long high = 0;
        for (long step = count; high == 0; step = Math.Min(step * 2, long.MaxValue / 4))
        {
            long candidate = low + step;
            if (await MoreThanAsync(candidate))
            {
                low = candidate;
            }
            else
            {
                high = candidate;
            }
        }

        while (high - low > 1)
        {
            long middle = low + (high - low) / 2;
            if (await MoreThanAsync(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        // Now exactly `count` transitions lie after `high`: the newest ones.
        var latest = await store.TransitionsAsync(workspaceId, high, count, segmentId, cancellationToken: cancellationToken);
        return latest.Reverse().ToList();

        async Task<bool> MoreThanAsync(long afterId) =>
            (await store.TransitionsAsync(workspaceId, afterId, count + 1, segmentId, cancellationToken: cancellationToken)).Count > count;
    }
}
