using Microsoft.Data.Sqlite;
using Omnia.Core.Events;

namespace Omnia.Storage.Sqlite;

/// <summary>The event log in SQLite: one row per event, deduplicated on (workspace, messageId).</summary>
public sealed class SqliteEventStore(SqliteDatabase database) : IEventStore, IDisposable
{
    internal const string Columns = "seq, workspace_id, source_id, message_id, type, name, user_id, anonymous_id, timestamp, received_at, json";

    /// <summary><see cref="Columns"/> of the table aliased <c>e</c>.</summary>
    internal const string PrefixedColumns = "e.seq, e.workspace_id, e.source_id, e.message_id, e.type, e.name, e.user_id, e.anonymous_id, e.timestamp, e.received_at, e.json";

    private readonly Lock _writeLock = new();
    private SqliteConnection? _writer;

    public ValueTask AppendAsync(IReadOnlyList<LogEvent> events, long[] assignedSeqs, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            _writer ??= database.Open();
            using var transaction = _writer.BeginTransaction();
            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT OR IGNORE INTO events (workspace_id, source_id, message_id, type, name, user_id, anonymous_id, timestamp, received_at, json)
                VALUES ($ws, $source, $mid, $type, $name, $uid, $aid, $ts, $recv, $json)
                """;
            var ws = insert.Parameters.Add("$ws", SqliteType.Integer);
            var source = insert.Parameters.Add("$source", SqliteType.Integer);
            var mid = insert.Parameters.Add("$mid", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Integer);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var uid = insert.Parameters.Add("$uid", SqliteType.Text);
            var aid = insert.Parameters.Add("$aid", SqliteType.Text);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var recv = insert.Parameters.Add("$recv", SqliteType.Integer);
            var json = insert.Parameters.Add("$json", SqliteType.Text);
            insert.Prepare();
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                ws.Value = e.WorkspaceId;
                source.Value = e.SourceId;
                mid.Value = e.MessageId;
                type.Value = (int)e.Type;
                name.Value = (object?)e.Name ?? DBNull.Value;
                uid.Value = (object?)e.UserId ?? DBNull.Value;
                aid.Value = (object?)e.AnonymousId ?? DBNull.Value;
                ts.Value = UnixTime.ToMs(e.Timestamp);
                recv.Value = UnixTime.ToMs(e.ReceivedAt);
                json.Value = e.Json;
                // One writer: the row just inserted is the connection's last insert; 0 rows means a duplicate.
                assignedSeqs[i] = insert.ExecuteNonQuery() == 1 ? SQLitePCL.raw.sqlite3_last_insert_rowid(_writer.Handle) : 0;
            }

            transaction.Commit();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<LogEvent>> ReadAfterAsync(long afterSeq, int max, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE seq > $after ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$max", max);
        return ValueTask.FromResult(ReadAll(command));
    }

    public ValueTask<long> LastSeqAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM events";
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask<IReadOnlyList<LogEvent>> LatestAsync(int workspaceId, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // '+' keeps SQLite from filtering through the messageId index and sorting: walking the log backwards
        // by position finds the newest events of any busy workspace at once.
        command.CommandText = $"SELECT {Columns} FROM events WHERE +workspace_id = $ws ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$limit", limit);
        return ValueTask.FromResult(ReadAll(command));
    }

    public ValueTask<IReadOnlyList<LogEvent>> LatestBeforeAsync(int workspaceId, long beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // As LatestAsync: walk the log backwards by position from beforeSeq.
        command.CommandText = $"SELECT {Columns} FROM events WHERE +workspace_id = $ws AND seq < $before ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$before", beforeSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return ValueTask.FromResult(ReadAll(command));
    }

    /// <summary>The events at <paramref name="seqs"/>, in the order given.</summary>
    internal static IReadOnlyList<LogEvent> ReadInOrder(SqliteConnection connection, IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return [];
        }

        // Driving the join from the list makes SQLite look each event up by its rowid, in the order asked for;
        // "seq IN (SELECT … json_each)" was planned as a scan of the log and took seconds for a few thousand events.
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PrefixedColumns} FROM json_each($seqs) AS wanted CROSS JOIN events AS e ON e.seq = wanted.value ORDER BY wanted.key";
        command.Parameters.AddWithValue("$seqs", System.Text.Json.JsonSerializer.Serialize(seqs));
        return ReadAll(command);
    }

    internal static IReadOnlyList<LogEvent> ReadAll(SqliteCommand command)
    {
        var result = new List<LogEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new LogEvent(
                reader.GetInt64(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                reader.GetString(3),
                (EventType)reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                UnixTime.FromMs(reader.GetInt64(8)),
                UnixTime.FromMs(reader.GetInt64(9)),
                reader.GetString(10)));
        }

        return result;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
