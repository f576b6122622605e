namespace Omnia.Core.Costs;

/// <summary>
/// Where a workspace's costs live: spend, impressions and clicks per day × channel × campaign. SQLite and
/// PostgreSQL implement it; both pass the shared storage suite. Writes are durable when they return.
/// </summary>
public interface ICostStore
{
    /// <summary>Saves rows, each replacing the row of its day, channel and campaign; returns how many were saved.</summary>
    ValueTask<int> PutAsync(int workspaceId, IReadOnlyList<CostRow> rows, CancellationToken cancellationToken = default);

    /// <summary>The rows of days from <paramref name="from"/> to <paramref name="to"/> (both included), optionally of one channel, by day, channel and campaign.</summary>
    ValueTask<IReadOnlyList<CostRow>> ListAsync(int workspaceId, DateOnly from, DateOnly to, string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows of days from <paramref name="from"/> to <paramref name="to"/> (both included), optionally of one channel; returns how many.</summary>
    ValueTask<int> DeleteAsync(int workspaceId, DateOnly from, DateOnly to, string? channel = null, CancellationToken cancellationToken = default);
}
