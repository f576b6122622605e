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
        ValueTask.FromResult(Query($"{SourceColumns} WHERE workspace_id = $ws AND deleted_at IS NULL ORDER BY id", ReadSource, ("$ws", workspaceId)));

    public ValueTask<Source?> SetAllowedOriginsAsync(int workspaceId, int sourceId, IReadOnlyList<string> origins, CancellationToken cancellationToken = default)
    {
        // Origins never hold spaces, so one space-separated column keeps them in order.
        Scalar<long>("UPDATE sources SET allowed_origins = $origins WHERE workspace_id = $ws AND id = $id; SELECT changes();",
            ("$origins", string.Join(' ', origins)), ("$ws", workspaceId), ("$id", sourceId));
        return GetSourceAsync(workspaceId, sourceId, cancellationToken);
    }

    public ValueTask<Source?> FindSourceByKeyHashAsync(string writeKeyHash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query($"""
            {SourceColumns} WHERE deleted_at IS NULL AND enabled = 1
              AND (write_key_hash = $hash OR (previous_key_hash = $hash AND previous_key_expires_at > $now))
            """, ReadSource, ("$hash", writeKeyHash), ("$now", UnixTime.ToMs(clock.GetUtcNow()))).FirstOrDefault());

    public ValueTask<Source?> GetSourceAsync(int workspaceId, int sourceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query($"{SourceColumns} WHERE workspace_id = $ws AND id = $id AND deleted_at IS NULL",
            ReadSource, ("$ws", workspaceId), ("$id", sourceId)).FirstOrDefault());

    public ValueTask<Source?> SetSourceEnabledAsync(int workspaceId, int sourceId, bool enabled, CancellationToken cancellationToken = default)
    {
        Scalar<long>("UPDATE sources SET enabled = $enabled WHERE workspace_id = $ws AND id = $id AND deleted_at IS NULL; SELECT changes();",
            ("$enabled", enabled ? 1 : 0), ("$ws", workspaceId), ("$id", sourceId));
        return GetSourceAsync(workspaceId, sourceId, cancellationToken);
    }

    public ValueTask<Source?> RotateWriteKeyAsync(int workspaceId, int sourceId, string writeKeyHash, string writeKeyPrefix, DateTimeOffset previousValidUntil, CancellationToken cancellationToken = default)
    {
        Scalar<long>("""
            UPDATE sources SET previous_key_hash = write_key_hash, previous_key_prefix = write_key_prefix, previous_key_expires_at = $until,
                write_key_hash = $hash, write_key_prefix = $prefix
            WHERE workspace_id = $ws AND id = $id AND deleted_at IS NULL;
            SELECT changes();
            """, ("$until", UnixTime.ToMs(previousValidUntil)), ("$hash", writeKeyHash), ("$prefix", writeKeyPrefix), ("$ws", workspaceId), ("$id", sourceId));
        return GetSourceAsync(workspaceId, sourceId, cancellationToken);
    }

    public ValueTask<bool> DeleteSourceAsync(int workspaceId, int sourceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Scalar<long>("UPDATE sources SET deleted_at = $at, enabled = 0 WHERE workspace_id = $ws AND id = $id AND deleted_at IS NULL; SELECT changes();",
            ("$at", UnixTime.ToMs(clock.GetUtcNow())), ("$ws", workspaceId), ("$id", sourceId)) > 0);

    public ValueTask<ApiKey> CreateApiKeyAsync(int? workspaceId, string name, Role role, string keyHash, string prefix, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        long id = Scalar<long>("""
            INSERT INTO api_keys (workspace_id, name, role, key_hash, prefix, created_at, expires_at)
            VALUES ($ws, $name, $role, $hash, $prefix, $at, $expires) RETURNING id
            """, ("$ws", (object?)workspaceId ?? DBNull.Value), ("$name", name), ("$role", (int)role), ("$hash", keyHash), ("$prefix", prefix), ("$at", UnixTime.ToMs(now)),
            ("$expires", expiresAt is { } e ? UnixTime.ToMs(e) : DBNull.Value));
        return ValueTask.FromResult(new ApiKey((int)id, workspaceId, name, role, prefix, FromMs(now)) { ExpiresAt = expiresAt is { } x ? FromMs(x) : null });
    }

    public ValueTask<ApiKey?> FindApiKeyByHashAsync(string keyHash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query($"{KeyColumns} WHERE key_hash = $hash", ReadApiKey, ("$hash", keyHash)).FirstOrDefault());

    public ValueTask<ApiKey?> GetApiKeyAsync(int workspaceId, int keyId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query($"{KeyColumns} WHERE id = $id AND (workspace_id = $ws OR workspace_id IS NULL)", ReadApiKey, ("$id", keyId), ("$ws", workspaceId)).FirstOrDefault());

    public ValueTask<IReadOnlyList<ApiKey>> ListApiKeysAsync(int workspaceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Query($"{KeyColumns} WHERE workspace_id = $ws OR workspace_id IS NULL ORDER BY id", ReadApiKey, ("$ws", workspaceId)));

    public ValueTask<ApiKey?> RevokeApiKeyAsync(int keyId, CancellationToken cancellationToken = default)
    {
        Scalar<long>("UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL; SELECT changes();",
            ("$at", UnixTime.ToMs(clock.GetUtcNow())), ("$id", keyId));
        return ValueTask.FromResult(Query($"{KeyColumns} WHERE id = $id", ReadApiKey, ("$id", keyId)).FirstOrDefault());
    }

    public ValueTask RecordApiKeyUseAsync(int keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Scalar<long>("UPDATE api_keys SET last_used_at = $at WHERE id = $id; SELECT changes();", ("$at", UnixTime.ToMs(at)), ("$id", keyId));
        return ValueTask.CompletedTask;
    }

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

    private const string SourceColumns =
        "SELECT id, workspace_id, name, kind, write_key_prefix, created_at, allowed_origins, enabled, previous_key_prefix, previous_key_expires_at FROM sources";

    private const string KeyColumns = "SELECT id, workspace_id, name, role, prefix, created_at, expires_at, revoked_at, last_used_at FROM api_keys";

    private static Workspace ReadWorkspace(SqliteDataReader r) => new(r.GetInt32(0), r.GetString(1), r.GetString(2), UnixTime.FromMs(r.GetInt64(3)));

    private static Source ReadSource(SqliteDataReader r) =>
        new(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), UnixTime.FromMs(r.GetInt64(5)))
        {
            AllowedOrigins = r.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Enabled = r.GetInt32(7) == 1,
            PreviousKeyPrefix = r.IsDBNull(8) ? null : r.GetString(8),
            PreviousKeyExpiresAt = r.IsDBNull(9) ? null : UnixTime.FromMs(r.GetInt64(9)),
        };

    private static ApiKey ReadApiKey(SqliteDataReader r) =>
        new(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), (Role)r.GetInt32(3), r.GetString(4), UnixTime.FromMs(r.GetInt64(5)))
        {
            ExpiresAt = r.IsDBNull(6) ? null : UnixTime.FromMs(r.GetInt64(6)),
            RevokedAt = r.IsDBNull(7) ? null : UnixTime.FromMs(r.GetInt64(7)),
            LastUsedAt = r.IsDBNull(8) ? null : UnixTime.FromMs(r.GetInt64(8)),
        };

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
