using System.Globalization;
using Omnia.Core.Processing;

namespace Omnia.Storage.Sqlite;

/// <summary>
/// Snapshots as files in <c>snapshots/</c> under the data directory: written to a temporary file, flushed to disk,
/// then renamed, so a snapshot is either whole or absent. Plain files rather than SQLite blobs: a snapshot is
/// written once from start to end and read once from start to end, and a file does that with one copy, where a
/// blob in a WAL database is written twice (log, then database) and read through pages.
/// </summary>
public sealed class FileSnapshotStore : ISnapshotStore
{
    private const string Extension = ".snap";

    private readonly string _directory;

    public FileSnapshotStore(string dataDirectory)
    {
        _directory = Path.Combine(dataDirectory, "snapshots");
        PrivateFiles.CreateDirectory(_directory);
        foreach (var partial in Directory.EnumerateFiles(_directory, "*.tmp"))
            File.Delete(partial); // a snapshot cut short by a crash
    }

    public SnapshotInfo Save(long seq, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var name = $"{seq:D20}-{DateTime.UtcNow:yyyyMMddHHmmssfff}{Extension}";
        var temporary = Path.Combine(_directory, name + ".tmp");
        using (var file = new FileStream(temporary, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.SequentialScan)))
        {
            write(file);
            file.Flush(flushToDisk: true);
        }

        var path = Path.Combine(_directory, name);
        File.Move(temporary, path);
        FlushDirectory();
        return Info(new FileInfo(path))!;
    }

    public IReadOnlyList<SnapshotInfo> List() =>
        new DirectoryInfo(_directory).EnumerateFiles("*" + Extension)
            .Select(Info).OfType<SnapshotInfo>()
            .OrderByDescending(s => s.Seq).ThenByDescending(s => s.Name, StringComparer.Ordinal).ToList();

    public Stream OpenRead(SnapshotInfo snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new FileStream(Path.Combine(_directory, snapshot.Name), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
    }

    public void Delete(SnapshotInfo snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        File.Delete(Path.Combine(_directory, snapshot.Name));
    }

    private static SnapshotInfo? Info(FileInfo file)
    {
        var dash = file.Name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(file.Name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? new SnapshotInfo(file.Name, seq, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero))
            : null;
    }

    /// <summary>Makes the rename durable (POSIX needs the directory flushed too).</summary>
    private void FlushDirectory()
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            using var handle = File.OpenHandle(_directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException)
        {
            // Some file systems refuse to open a directory; the rename is still atomic.
        }
        catch (IOException)
        {
        }
    }
}
