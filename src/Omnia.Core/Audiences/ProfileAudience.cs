namespace Omnia.Core.Audiences;

/// <summary>
/// Where one profile stands in its workspace's audiences at one instant: the segments it is in (ids, ascending)
/// and <see cref="NextChange"/>, the earliest later instant at which any of that changes from the passage of
/// time alone (null: only new events or new definitions can change it).
/// </summary>
public sealed record ProfileAudience(IReadOnlyList<long> Segments, DateTimeOffset? NextChange);
