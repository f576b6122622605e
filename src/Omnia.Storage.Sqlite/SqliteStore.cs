namespace Omnia.Storage.Sqlite;

/// <summary>The embedded SQLite store for one data directory: event log, workspaces, definitions, segment transitions and snapshots of the derived state.</summary>
public sealed class SqliteStore : IDisposable
{
    private readonly DataDirectoryLock _lock;

    public SqliteStore(string dataDirectory, TimeProvider clock)
    {
        PrivateFiles.CreateDirectory(dataDirectory);
        _lock = DataDirectoryLock.Acquire(dataDirectory);
        Database = new SqliteDatabase(dataDirectory);
        Events = new SqliteEventStore(Database);
        Transitions = new SqliteTransitionStore(Database);
        Outbox = new SqliteOutboxStore(Database);
        Inbox = new SqliteInboxStore(Database);
        Privacy = new SqlitePrivacyStore(Database);
        Snapshots = new FileSnapshotStore(Database.DataDirectory);
        Workspaces = new SqliteWorkspaceStore(Database, clock);
        Segments = new SqliteSegmentStore(Database, clock);
        Journeys = new SqliteJourneyStore(Database, clock);
        Content = new SqliteContentStore(Database, clock);
        Users = new SqliteUserStore(Database, clock);
        Audit = new SqliteAuditStore(Database);
        Costs = new SqliteCostStore(Database);
    }

    public SqliteDatabase Database { get; }

    public SqliteEventStore Events { get; }

    public SqliteTransitionStore Transitions { get; }

    public SqliteOutboxStore Outbox { get; }

    public SqliteInboxStore Inbox { get; }

    public SqlitePrivacyStore Privacy { get; }

    public FileSnapshotStore Snapshots { get; }

    public SqliteWorkspaceStore Workspaces { get; }

    public SqliteSegmentStore Segments { get; }

    public SqliteJourneyStore Journeys { get; }

    public SqliteContentStore Content { get; }

    public SqliteUserStore Users { get; }

    public SqliteAuditStore Audit { get; }

    public SqliteCostStore Costs { get; }

    public void Dispose()
    {
        Events.Dispose();
        _lock.Dispose();
    }
}
