using Microsoft.Data.Sqlite;
using Omnia.Core.Audiences;

namespace Omnia.Storage.Sqlite;

/// <summary>Segment entries and exits in <c>derived.db</c>, numbered by the derived state.</summary>
public sealed class SqliteTransitionStore(SqliteDatabase database) : ITransitionStore
{
    public ValueTask AppendAsync(IReadOnlyList<SegmentTransition> transitions, CancellationToken cancellationToken = default)
    {
        if (transitions.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        using var writing = database.DerivedWrites.EnterScope();
        using var connection = database.OpenDerived();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR REPLACE INTO segment_transitions (id, workspace_id, segment_id, profile_id, entered, at, reason)
            VALUES ($id, $ws, $segment, $profile, $entered, $at, $reason)
            """;
        var (id, ws, segment, profile) = (insert.Parameters.Add("$id", SqliteType.Integer), insert.Parameters.Add("$ws", SqliteType.Integer),
            insert.Parameters.Add("$segment", SqliteType.Integer), insert.Parameters.Add("$profile", SqliteType.Integer));
        var (entered, at, reason) = (insert.Parameters.Add("$entered", SqliteType.Integer), insert.Parameters.Add("$at", SqliteType.Integer),
            insert.Parameters.Add("$reason", SqliteType.Integer));
        insert.Prepare();
        foreach (var t in transitions)
        {
            id.Value = t.Id;
            ws.Value = t.WorkspaceId;
            segment.Value = t.SegmentId;
            profile.Value = t.ProfileId;
            entered.Value = t.Entered ? 1 : 0;
            at.Value = UnixTime.ToMs(t.At);
            reason.Value = (int)t.Reason;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteFromAsync(long id, CancellationToken cancellationToken = default)
    {
        using var writing = database.DerivedWrites.EnterScope();
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM segment_transitions WHERE id >= $id";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteProfilesAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default)
    {
        database.DeleteDerivedProfileRows("segment_transitions", profileIds);
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> LastIdAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM segment_transitions";
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask<IReadOnlyList<SegmentTransition>> TransitionsAsync(
        int workspaceId, long afterId, int limit, long? segmentId = null, long? profileId = null, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        string filter = (segmentId is null ? "" : " AND segment_id = $segment") + (profileId is null ? "" : " AND profile_id = $profile");
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, workspace_id, segment_id, profile_id, entered, at, reason FROM segment_transitions
            WHERE workspace_id = $ws AND id > $after{filter} ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        if (segmentId is { } s)
        {
            command.Parameters.AddWithValue("$segment", s);
        }

        if (profileId is { } p)
        {
            command.Parameters.AddWithValue("$profile", p);
        }

        var result = new List<SegmentTransition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new SegmentTransition(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4) != 0,
                UnixTime.FromMs(reader.GetInt64(5)), (TransitionReason)reader.GetInt32(6)));
        }

        return ValueTask.FromResult<IReadOnlyList<SegmentTransition>>(result);
    }

    public ValueTask<IReadOnlyList<(DateOnly Day, long Entered, long Exited)>> TransitionDaysAsync(
        long segmentId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT date(at / 1000, 'unixepoch') AS day, sum(entered), sum(1 - entered) FROM segment_transitions
            WHERE segment_id = $segment AND at >= $from AND at < $to GROUP BY day ORDER BY day
            """;
        command.Parameters.AddWithValue("$segment", segmentId);
        command.Parameters.AddWithValue("$from", UnixTime.ToMs(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        command.Parameters.AddWithValue("$to", UnixTime.ToMs(new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var result = new List<(DateOnly, long, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add((DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return ValueTask.FromResult<IReadOnlyList<(DateOnly, long, long)>>(result);
    }
}
