using Microsoft.Data.Sqlite;
using SQLitePCL;
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
    private sqlite3_stmt? _insert;

    public ValueTask AppendAsync(IReadOnlyList<LogEvent> events, long[] assignedSeqs, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            _writer ??= database.Open();
            using var transaction = _writer.BeginTransaction();
            var db = _writer.Handle!;
            // The raw statement binds the event's UTF-8 JSON as text straight from its bytes (no UTF-16 string in between).
            if (_insert is null)
            {
                Check(db, raw.sqlite3_prepare_v2(db, """
                    INSERT OR IGNORE INTO events (workspace_id, source_id, message_id, type, name, user_id, anonymous_id, timestamp, received_at, json)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                    """, out _insert));
            }

            var insert = _insert;
            try
            {
                for (int i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    raw.sqlite3_bind_int(insert, 1, e.WorkspaceId);
                    raw.sqlite3_bind_int(insert, 2, e.SourceId);
                    raw.sqlite3_bind_text(insert, 3, e.MessageId);
                    raw.sqlite3_bind_int(insert, 4, (int)e.Type);
                    BindText(insert, 5, e.Name);
                    BindText(insert, 6, e.UserId);
                    BindText(insert, 7, e.AnonymousId);
                    raw.sqlite3_bind_int64(insert, 8, UnixTime.ToMs(e.Timestamp));
                    raw.sqlite3_bind_int64(insert, 9, UnixTime.ToMs(e.ReceivedAt));
                    raw.sqlite3_bind_text(insert, 10, e.Json.Span);
                    int rc = raw.sqlite3_step(insert);
                    if (rc != raw.SQLITE_DONE)
                    {
                        Check(db, rc);
                    }

                    // One writer: the row just inserted is the connection's last insert; 0 rows means a duplicate.
                    assignedSeqs[i] = raw.sqlite3_changes(db) == 1 ? raw.sqlite3_last_insert_rowid(db) : 0;
                    raw.sqlite3_reset(insert);
                }
            }
            catch
            {
                raw.sqlite3_reset(insert);
                throw;
            }
            finally
            {
                raw.sqlite3_clear_bindings(insert);
            }

            transaction.Commit();
        }

        return ValueTask.CompletedTask;
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
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

    public ValueTask<IReadOnlyList<LogEvent>> ReadAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(ReadInOrder(connection, seqs));
    }

    public ValueTask<long> DeleteAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken = default)
    {
        long deleted = 0;
        lock (_writeLock)
        {
            _writer ??= database.Open();
            using var transaction = _writer.BeginTransaction();
            using var command = _writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM events WHERE seq = $seq";
            var seq = command.Parameters.Add("$seq", SqliteType.Integer);
            command.Prepare();
            foreach (var s in seqs)
            {
                seq.Value = s;
                deleted += command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return ValueTask.FromResult(deleted);
    }

    public ValueTask ScrubAsync(CancellationToken cancellationToken = default)
    {
        database.Checkpoint();
        return ValueTask.CompletedTask;
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
                reader.GetFieldValue<byte[]>(10)));
        }

        return result;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _insert?.Dispose();
            _insert = null;
            _writer?.Dispose();
            _writer = null;
        }
    }
}
