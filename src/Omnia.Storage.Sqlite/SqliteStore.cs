namespace Omnia.Storage.Sqlite;

/// <summary>The embedded SQLite store for one data directory: event log, profiles and workspaces.</summary>
public sealed class SqliteStore : IDisposable
{
    public SqliteStore(string dataDirectory, TimeProvider clock)
    {
        Database = new SqliteDatabase(dataDirectory);
        Events = new SqliteEventStore(Database);
        Profiles = new SqliteProfileStore(Database);
        Workspaces = new SqliteWorkspaceStore(Database, clock);
    }

    public SqliteDatabase Database { get; }

    public SqliteEventStore Events { get; }

    public SqliteProfileStore Profiles { get; }

    public SqliteWorkspaceStore Workspaces { get; }

    public void Dispose() => Events.Dispose();
}
