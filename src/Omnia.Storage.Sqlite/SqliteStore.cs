namespace Omnia.Storage.Sqlite;

/// <summary>The embedded SQLite store for one data directory: event log, profiles and workspaces.</summary>
public sealed class SqliteStore : IDisposable
{
    private readonly DataDirectoryLock _lock;

    public SqliteStore(string dataDirectory, TimeProvider clock)
    {
        Directory.CreateDirectory(dataDirectory);
        _lock = DataDirectoryLock.Acquire(dataDirectory);
        Database = new SqliteDatabase(dataDirectory);
        Events = new SqliteEventStore(Database);
        Profiles = new SqliteProfileStore(Database);
        Workspaces = new SqliteWorkspaceStore(Database, clock);
        Segments = new SqliteSegmentStore(Database, clock);
        Audiences = new SqliteAudienceStore(Database);
    }

    public SqliteDatabase Database { get; }

    public SqliteEventStore Events { get; }

    public SqliteProfileStore Profiles { get; }

    public SqliteWorkspaceStore Workspaces { get; }

    public SqliteSegmentStore Segments { get; }

    public SqliteAudienceStore Audiences { get; }

    public void Dispose()
    {
        Events.Dispose();
        _lock.Dispose();
    }
}
