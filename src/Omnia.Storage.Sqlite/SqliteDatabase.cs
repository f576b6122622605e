using Microsoft.Data.Sqlite;

namespace Omnia.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode per data directory. Commits use
/// <c>synchronous=FULL</c>, so a committed transaction survives a crash or power loss.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "omnia.db";

    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Migrate(connection);
    }

    public string DataDirectory { get; }

    /// <summary>Opens a connection with Omnia's pragmas applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 60000;
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            """;
        pragma.ExecuteNonQuery();
        return connection;
    }
}
