using Microsoft.Data.Sqlite;

namespace Omnia.Storage.Sqlite;

/// <summary>
/// The embedded store's SQLite files, in WAL mode. <c>omnia.db</c> holds the event log (the source of truth) and
/// the workspace data, committed with <c>synchronous=FULL</c> so that a committed transaction survives a crash or
/// power loss. <c>derived.db</c> holds the segment transitions the derived state records; it has its own write lock,
/// so it never blocks ingestion. Everything else derived from the log lives in memory and in snapshot files.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "omnia.db";
    public const string DerivedFileName = "derived.db";

    /// <summary>The derived database of earlier versions (rows per profile and event); removed on upgrade.</summary>
    private const string OldDerivedFileName = "profiles.db";

    private readonly string _log;
    private readonly string _derived;

    public SqliteDatabase(string dataDirectory)
    {
        PrivateFiles.CreateDirectory(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        // SQLite gives its -wal and -shm files the mode of the database file, so an owner-only database file made
        // here first keeps all six files owner-only.
        foreach (var name in new[] { FileName, DerivedFileName })
        {
            PrivateFiles.CreateFile(Path.Combine(DataDirectory, name));
            PrivateFiles.NarrowIfExists(Path.Combine(DataDirectory, name + "-wal"));
            PrivateFiles.NarrowIfExists(Path.Combine(DataDirectory, name + "-shm"));
        }

        _log = ConnectionString(Path.Combine(DataDirectory, FileName));
        _derived = ConnectionString(Path.Combine(DataDirectory, DerivedFileName));
        using (var log = Open())
        {
            SqliteSchema.Migrate(log, SqliteSchema.Log);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path.Combine(DataDirectory, OldDerivedFileName + suffix));
        }

        using var derived = OpenDerived();
        SqliteSchema.Migrate(derived, SqliteSchema.Derived);
    }

    public string DataDirectory { get; }

    /// <summary>
    /// Taken by this process's writers to <c>derived.db</c> (the outbox, segment transitions) around each write, so
    /// concurrent writers queue here rather than in SQLite's busy handler, which sleeps in steps of up to 100 ms and
    /// held the dispatcher's parallel sends to a few hundred per second.
    /// </summary>
    public Lock DerivedWrites { get; } = new();

    /// <summary>Opens a connection to the event log database.</summary>
    public SqliteConnection Open() => Open(_log, "FULL");

    /// <summary>
    /// Moves everything in the write-ahead logs into the databases and empties the logs, so that deleted rows (whose
    /// pages <c>secure_delete</c> zeroes) leave no copy behind in a WAL file: the last step of an erasure.
    /// </summary>
    public void Checkpoint()
    {
        foreach (var open in new Func<SqliteConnection>[] { Open, OpenDerived })
        {
            using var connection = open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes an erased profile's rows from a <c>derived.db</c> table keyed by <c>profile_id</c>, in one transaction.</summary>
    internal void DeleteDerivedProfileRows(string table, IReadOnlyCollection<long> profileIds)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        using var writing = DerivedWrites.EnterScope();
        using var connection = OpenDerived();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {table} WHERE profile_id = $profile";
        var profile = command.Parameters.Add("$profile", SqliteType.Integer);
        foreach (var id in profileIds)
        {
            profile.Value = id;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Opens a connection to the derived-state database.</summary>
    public SqliteConnection OpenDerived() => Open(_derived, "NORMAL");

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    private static SqliteConnection Open(string connectionString, string synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // A pooled connection keeps its native handle and with it these settings: set them once per handle, not on
        // every open (six statements parsed and run per open were a fifth of the dispatcher's CPU per email).
        if (connection.Handle is { } handle && Configured.TryGetValue(handle, out _))
            return connection;
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {synchronous};
            PRAGMA busy_timeout = 60000;
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            PRAGMA secure_delete = ON;
            """;
        pragma.ExecuteNonQuery();
        if (connection.Handle is { } opened)
            Configured.AddOrUpdate(opened, Marker);
        return connection;
    }
}
