using Microsoft.Data.Sqlite;
using Omnia.Core.Privacy;

namespace Omnia.Storage.Sqlite;

/// <summary>Privacy secrets, suppressions, erasure records and retention in <c>omnia.db</c>.</summary>
public sealed class SqlitePrivacyStore(SqliteDatabase database) : IPrivacyStore
{
    public ValueTask<byte[]> SecretAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO privacy_secrets (workspace_id, secret) VALUES ($ws, $secret)";
        insert.Parameters.AddWithValue("$ws", workspaceId);
        insert.Parameters.AddWithValue("$secret", SuppressionHash.NewSecret());
        insert.ExecuteNonQuery();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT secret FROM privacy_secrets WHERE workspace_id = $ws";
        select.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult((byte[])select.ExecuteScalar()!);
    }

    public ValueTask AddSuppressionsAsync(int workspaceId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO privacy_suppressions (workspace_id, hash) VALUES ($ws, $hash)";
        var ws = insert.Parameters.Add("$ws", SqliteType.Integer);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        ws.Value = workspaceId;
        foreach (var h in hashes)
        {
            hash.Value = h;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> SuppressionsAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM privacy_suppressions WHERE workspace_id = $ws";
        command.Parameters.AddWithValue("$ws", workspaceId);
        var result = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(result);
    }

    public ValueTask<ErasureRecord> RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO privacy_erasures (workspace_id, at, requested_by, profiles, events, identifiers) VALUES ($ws, $at, $by, $profiles, $events, $ids);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$ws", erasure.WorkspaceId);
        command.Parameters.AddWithValue("$at", UnixTime.ToMs(erasure.At));
        command.Parameters.AddWithValue("$by", erasure.RequestedBy);
        command.Parameters.AddWithValue("$profiles", erasure.Profiles);
        command.Parameters.AddWithValue("$events", erasure.Events);
        command.Parameters.AddWithValue("$ids", erasure.IdentifiersSuppressed);
        return ValueTask.FromResult(erasure with { Id = (long)command.ExecuteScalar()! });
    }

    public ValueTask<IReadOnlyList<ErasureRecord>> ErasuresAsync(int workspaceId, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, workspace_id, at, requested_by, profiles, events, identifiers FROM privacy_erasures WHERE workspace_id = $ws ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<ErasureRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new ErasureRecord(reader.GetInt64(0), reader.GetInt32(1), UnixTime.FromMs(reader.GetInt64(2)), reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5), reader.GetInt32(6)));
        }

        return ValueTask.FromResult<IReadOnlyList<ErasureRecord>>(result);
    }

    public ValueTask<int?> RetentionDaysAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT days FROM privacy_retention WHERE workspace_id = $ws";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(command.ExecuteScalar() is long days ? (int?)days : null);
    }

    public ValueTask SetRetentionDaysAsync(int workspaceId, int? days, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = days is null
            ? "DELETE FROM privacy_retention WHERE workspace_id = $ws"
            : "INSERT INTO privacy_retention (workspace_id, days) VALUES ($ws, $days) ON CONFLICT (workspace_id) DO UPDATE SET days = excluded.days";
        command.Parameters.AddWithValue("$ws", workspaceId);
        if (days is { } d)
        {
            command.Parameters.AddWithValue("$days", d);
        }

        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }
}
