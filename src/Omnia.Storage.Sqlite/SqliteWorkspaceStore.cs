using Microsoft.Data.Sqlite;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Sqlite;

/// <summary>Workspaces, sources, admin keys and settings in SQLite.</summary>
public sealed class SqliteWorkspaceStore(SqliteDatabase database, TimeProvider clock) : IWorkspaceStore
{
    public ValueTask<Workspace> CreateWorkspaceAsync(string slug, string name, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        long id = Scalar<long>("INSERT INTO workspaces (slug, name, created_at) VALUES ($slug, $name, $at) RETURNING id",
            ("$slug", slug), ("$name", name), ("$at", UnixTime.ToMs(now)));
        return ValueTask.FromResult(new Workspace((int)id, slug, name, FromMs(now)));
    }

    public ValueTask<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, slug, name, created_at FROM workspaces WHERE slug = $slug", ReadWorkspace, ("$slug", slug)).FirstOrDefault());

    public ValueTask<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, slug, name, created_at FROM workspaces ORDER BY slug", ReadWorkspace));

    public ValueTask<Source> CreateSourceAsync(int workspaceId, string name, string kind, string writeKeyHash, string writeKeyPrefix, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        long id = Scalar<long>("""
            INSERT INTO sources (workspace_id, name, kind, write_key_hash, write_key_prefix, created_at)
            VALUES ($ws, $name, $kind, $hash, $prefix, $at) RETURNING id
            """, ("$ws", workspaceId), ("$name", name), ("$kind", kind), ("$hash", writeKeyHash), ("$prefix", writeKeyPrefix), ("$at", UnixTime.ToMs(now)));
        return ValueTask.FromResult(new Source((int)id, workspaceId, name, kind, writeKeyPrefix, FromMs(now)));
    }

    public ValueTask<IReadOnlyList<Source>> ListSourcesAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, workspace_id, name, kind, write_key_prefix, created_at, allowed_origins FROM sources WHERE workspace_id = $ws ORDER BY id", ReadSource, ("$ws", workspaceId)));

    public ValueTask<Source?> SetAllowedOriginsAsync(int workspaceId, int sourceId, IReadOnlyList<string> origins, CancellationToken cancellationToken = default)
    {
        // Origins never hold spaces, so one space-separated column keeps them in order.
        Scalar<long>("UPDATE sources SET allowed_origins = $origins WHERE workspace_id = $ws AND id = $id; SELECT changes();",
            ("$origins", string.Join(' ', origins)), ("$ws", workspaceId), ("$id", sourceId));
        return ValueTask.FromResult(Query("SELECT id, workspace_id, name, kind, write_key_prefix, created_at, allowed_origins FROM sources WHERE workspace_id = $ws AND id = $id",
            ReadSource, ("$ws", workspaceId), ("$id", sourceId)).FirstOrDefault());
    }

    public ValueTask<Source?> FindSourceByKeyHashAsync(string writeKeyHash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, workspace_id, name, kind, write_key_prefix, created_at, allowed_origins FROM sources WHERE write_key_hash = $hash", ReadSource, ("$hash", writeKeyHash)).FirstOrDefault());

    public ValueTask<ApiKey> CreateApiKeyAsync(int? workspaceId, string name, Role role, string keyHash, string prefix, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        long id = Scalar<long>("""
            INSERT INTO api_keys (workspace_id, name, role, key_hash, prefix, created_at)
            VALUES ($ws, $name, $role, $hash, $prefix, $at) RETURNING id
            """, ("$ws", (object?)workspaceId ?? DBNull.Value), ("$name", name), ("$role", (int)role), ("$hash", keyHash), ("$prefix", prefix), ("$at", UnixTime.ToMs(now)));
        return ValueTask.FromResult(new ApiKey((int)id, workspaceId, name, role, prefix, FromMs(now)));
    }

    public ValueTask<ApiKey?> FindApiKeyByHashAsync(string keyHash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, workspace_id, name, role, prefix, created_at FROM api_keys WHERE key_hash = $hash", ReadApiKey, ("$hash", keyHash)).FirstOrDefault());

    public ValueTask<IReadOnlyList<ApiKey>> ListApiKeysAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT id, workspace_id, name, role, prefix, created_at FROM api_keys WHERE workspace_id = $ws OR workspace_id IS NULL ORDER BY id", ReadApiKey, ("$ws", workspaceId)));

    public ValueTask<string?> GetSettingAsync(int workspaceId, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query("SELECT json FROM settings WHERE workspace_id = $ws AND name = $name", r => r.GetString(0), ("$ws", workspaceId), ("$name", name)).FirstOrDefault());

    public ValueTask PutSettingAsync(int workspaceId, string name, string json, CancellationToken cancellationToken = default)
    {
        Scalar<long>("""
            INSERT INTO settings (workspace_id, name, json, updated_at) VALUES ($ws, $name, $json, $at)
            ON CONFLICT (workspace_id, name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at;
            SELECT changes();
            """, ("$ws", workspaceId), ("$name", name), ("$json", json), ("$at", UnixTime.ToMs(clock.GetUtcNow())));
        return ValueTask.CompletedTask;
    }

    private static Workspace ReadWorkspace(SqliteDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetString(2), UnixTime.FromMs(r.GetInt64(3)));

    private static Source ReadSource(SqliteDataReader r) =>
        new(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), UnixTime.FromMs(r.GetInt64(5)))
        {
            AllowedOrigins = r.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };

    private static ApiKey ReadApiKey(SqliteDataReader r) =>
        new(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), (Role)r.GetInt32(3), r.GetString(4), UnixTime.FromMs(r.GetInt64(5)));

    private static DateTimeOffset FromMs(DateTimeOffset now) => UnixTime.FromMs(UnixTime.ToMs(now));

    private T Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)command.ExecuteScalar()!;
    }

    private IReadOnlyList<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(read(reader));
        }

        return result;
    }
}
