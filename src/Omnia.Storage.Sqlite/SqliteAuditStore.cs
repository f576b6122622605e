using Microsoft.Data.Sqlite;
using Omnia.Core.Audit;

namespace Omnia.Storage.Sqlite;

/// <summary>
/// The audit log in <c>omnia.db</c>. Triggers refuse every UPDATE and DELETE of a row, so no code path (and no SQL
/// typed into the file) changes an entry without breaking the hash chain or being refused.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    private const string Columns = "seq, at, workspace_id, actor, client, action, target, before, after, hash";

    // Appends are serialised in the process too, so the chain never forks between two writers of one node.
    private readonly SemaphoreSlim _append = new(1, 1);

    public async ValueTask<AuditEntry> AppendAsync(AuditRecord record, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _append.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = database.Open();
            using var transaction = connection.BeginTransaction();
            long seq = 1;
            string previous = AuditChain.Genesis;
            using (var last = connection.CreateCommand())
            {
                last.Transaction = transaction;
                last.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
                using var reader = last.ExecuteReader();
                if (reader.Read())
                {
                    seq = reader.GetInt64(0) + 1;
                    previous = reader.GetString(1);
                }
            }

            var stored = UnixTime.FromMs(UnixTime.ToMs(at));
            string hash = AuditChain.Hash(previous, seq, stored, record);
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO audit_log (seq, at, workspace_id, actor, client, action, target, before, after, hash)
                    VALUES ($seq, $at, $ws, $actor, $client, $action, $target, $before, $after, $hash)
                    """;
                insert.Parameters.AddWithValue("$seq", seq);
                insert.Parameters.AddWithValue("$at", UnixTime.ToMs(stored));
                insert.Parameters.AddWithValue("$ws", (object?)record.WorkspaceId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$actor", record.Actor);
                insert.Parameters.AddWithValue("$client", (object?)record.Client ?? DBNull.Value);
                insert.Parameters.AddWithValue("$action", record.Action);
                insert.Parameters.AddWithValue("$target", record.Target);
                insert.Parameters.AddWithValue("$before", (object?)record.Before ?? DBNull.Value);
                insert.Parameters.AddWithValue("$after", (object?)record.After ?? DBNull.Value);
                insert.Parameters.AddWithValue("$hash", hash);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return new AuditEntry(seq, stored, record.WorkspaceId, record.Actor, record.Client, record.Action, record.Target, record.Before, record.After, hash);
        }
        finally
        {
            _append.Release();
        }
    }

    public ValueTask<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        string scope = query.IncludeGlobal ? "(workspace_id = $ws OR workspace_id IS NULL)" : "workspace_id = $ws";
        string action = query.Action is null ? "" : " AND action LIKE $action ESCAPE '\\'";
        command.CommandText = query.NewestFirst
            ? $"SELECT {Columns} FROM audit_log WHERE {scope}{action} AND seq < $before ORDER BY seq DESC LIMIT $limit"
            : $"SELECT {Columns} FROM audit_log WHERE {scope}{action} AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$ws", query.WorkspaceId);
        command.Parameters.AddWithValue("$after", query.After);
        command.Parameters.AddWithValue("$before", query.Before ?? long.MaxValue);
        command.Parameters.AddWithValue("$limit", query.Limit);
        if (query.Action is not null)
        {
            command.Parameters.AddWithValue("$action", query.Action.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        return ValueTask.FromResult<IReadOnlyList<AuditEntry>>(Read(command));
    }

    public ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_log ORDER BY seq";
        var entries = Read(command);
        return ValueTask.FromResult(new AuditVerification(entries.Count, AuditChain.FirstBroken(entries)));
    }

    private static List<AuditEntry> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), UnixTime.FromMs(reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9)));
        }

        return entries;
    }
}
