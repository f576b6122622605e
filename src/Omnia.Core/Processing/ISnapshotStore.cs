namespace Omnia.Core.Processing;

/// <summary>
/// Where snapshots of the derived state are kept: files in the embedded store's data directory, rows in
/// PostgreSQL later. A snapshot counts only once it is complete and durable, so a crash while writing one leaves the
/// previous one in place.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Writes a snapshot of the state at log position <paramref name="seq"/> through <paramref name="write"/>; blocking I/O.</summary>
    SnapshotInfo Save(long seq, Action<Stream> write);

    /// <summary>The complete snapshots, newest first.</summary>
    IReadOnlyList<SnapshotInfo> List();

    Stream OpenRead(SnapshotInfo snapshot);

    void Delete(SnapshotInfo snapshot);
}

/// <summary>A stored snapshot: its name in the store, the log position it reflects, its size and when it was written.</summary>
public sealed record SnapshotInfo(string Name, long Seq, long Bytes, DateTimeOffset CreatedAt);
