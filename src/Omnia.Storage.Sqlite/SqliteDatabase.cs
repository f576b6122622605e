using Microsoft.Data.Sqlite;

namespace Omnia.Storage.Sqlite;

/// <summary>
/// The embedded store: two SQLite files in WAL mode per data directory. <c>omnia.db</c> holds the event log
/// (the source of truth) and the workspace data, committed with <c>synchronous=FULL</c> so that a
/// committed transaction survives a crash or power loss. <c>profiles.db</c> holds everything derived from
/// the log; it has its own write lock, so profile processing never blocks ingestion, and it commits with
/// <c>synchronous=NORMAL</c>: after a power cut it is at most a few batches older, and the processor replays
/// the log from the checkpoint that was saved with it.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "omnia.db";
    public const string DerivedFileName = "profiles.db";

    private readonly string _log;
    private readonly string _derived;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        _log = ConnectionString(Path.Combine(DataDirectory, FileName));
        _derived = ConnectionString(Path.Combine(DataDirectory, DerivedFileName));
        using (var log = Open())
        {
            SqliteSchema.Migrate(log, SqliteSchema.Log);
        }

        using var derived = OpenDerived();
        SqliteSchema.Migrate(derived, SqliteSchema.Derived);
    }

    public string DataDirectory { get; }

    /// <summary>Opens a connection to the event log database.</summary>
    public SqliteConnection Open() => Open(_log, "FULL");

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

    private static SqliteConnection Open(string connectionString, string synchronous)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {synchronous};
            PRAGMA busy_timeout = 60000;
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            """;
        pragma.ExecuteNonQuery();
        return connection;
    }
}
