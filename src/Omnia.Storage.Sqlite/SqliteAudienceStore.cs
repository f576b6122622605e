using Microsoft.Data.Sqlite;
using Omnia.Core.Audiences;

namespace Omnia.Storage.Sqlite;

/// <summary>Segment membership, transitions, timers and the audience work queue, in the derived database.</summary>
public sealed class SqliteAudienceStore(SqliteDatabase database) : IAudienceStore
{
    public ValueTask<IReadOnlyList<AudienceWork>> PendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var result = new List<AudienceWork>();
        using var connection = database.OpenDerived();
        using (var dirty = Command(connection, null, "SELECT workspace_id, profile_id, mark FROM audience_dirty ORDER BY mark LIMIT $limit"))
        {
            dirty.Parameters.AddWithValue("$limit", limit);
            using var reader = dirty.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new AudienceWork(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), null));
            }
        }

        if (result.Count < limit)
        {
            using var due = Command(connection, null, """
                SELECT workspace_id, profile_id, next_change FROM profile_audiences
                WHERE next_change IS NOT NULL AND next_change <= $now ORDER BY next_change LIMIT $limit
                """);
            due.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
            due.Parameters.AddWithValue("$limit", limit - result.Count);
            using var reader = due.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new AudienceWork(reader.GetInt32(0), reader.GetInt64(1), null, UnixTime.FromMs(reader.GetInt64(2))));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<AudienceWork>>(result);
    }

    public ValueTask<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT min(next_change) FROM profile_audiences WHERE next_change IS NOT NULL");
        return ValueTask.FromResult(command.ExecuteScalar() is long ms ? UnixTime.FromMs(ms) : (DateTimeOffset?)null);
    }

    public ValueTask<IReadOnlyDictionary<long, StoredAudience>> GetAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<long, StoredAudience>(profileIds.Count);
        using var connection = database.OpenDerived();
        using var timer = Command(connection, null, "SELECT next_change, lifecycle_stage, persona FROM profile_audiences WHERE profile_id = $id");
        var timerId = timer.Parameters.Add("$id", SqliteType.Integer);
        timer.Prepare();
        using var members = Command(connection, null, "SELECT segment_id FROM segment_members WHERE profile_id = $id ORDER BY segment_id");
        var memberId = members.Parameters.Add("$id", SqliteType.Integer);
        members.Prepare();
        foreach (long id in profileIds)
        {
            timerId.Value = id;
            (bool found, long? next, long? stage, string? persona) = (false, null, null, null);
            using (var reader = timer.ExecuteReader())
            {
                if (reader.Read())
                {
                    found = true;
                    next = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                    stage = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                    persona = reader.IsDBNull(2) ? null : reader.GetString(2);
                }
            }

            memberId.Value = id;
            var segments = new List<long>();
            using (var reader = members.ExecuteReader())
            {
                while (reader.Read())
                {
                    segments.Add(reader.GetInt64(0));
                }
            }

            if (found || segments.Count > 0)
            {
                result[id] = new StoredAudience(id, segments, next is long ms ? UnixTime.FromMs(ms) : null)
                {
                    LifecycleStage = stage is long s ? (Omnia.Core.Lifecycle.LifecycleStage)s : null,
                    Persona = persona,
                };
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<long, StoredAudience>>(result);
    }

    public ValueTask SaveAsync(AudienceBatch batch, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var transaction = connection.BeginTransaction();
        using (var upsert = Command(connection, transaction, """
            INSERT INTO profile_audiences (profile_id, workspace_id, next_change, lifecycle_stage, persona) VALUES ($id, $ws, $next, $stage, $persona)
            ON CONFLICT (profile_id) DO UPDATE SET next_change = excluded.next_change, lifecycle_stage = excluded.lifecycle_stage, persona = excluded.persona
            """))
        {
            var (id, ws, next) = (upsert.Parameters.Add("$id", SqliteType.Integer), upsert.Parameters.Add("$ws", SqliteType.Integer), upsert.Parameters.Add("$next", SqliteType.Integer));
            var (stage, persona) = (upsert.Parameters.Add("$stage", SqliteType.Integer), upsert.Parameters.Add("$persona", SqliteType.Text));
            foreach (var (workspaceId, profileId, audience) in batch.Profiles)
            {
                id.Value = profileId;
                ws.Value = workspaceId;
                next.Value = audience.NextChange is { } at ? UnixTime.ToMs(at) : DBNull.Value;
                stage.Value = audience.LifecycleStage is { } s ? (int)s : DBNull.Value;
                persona.Value = (object?)audience.Persona ?? DBNull.Value;
                upsert.ExecuteNonQuery();
            }
        }

        using (var remove = Command(connection, transaction, "DELETE FROM profile_audiences WHERE profile_id = $id"))
        {
            var id = remove.Parameters.Add("$id", SqliteType.Integer);
            foreach (long profileId in batch.Removed)
            {
                id.Value = profileId;
                remove.ExecuteNonQuery();
            }
        }

        using (var enter = Command(connection, transaction, """
            INSERT OR IGNORE INTO segment_members (segment_id, profile_id, workspace_id, since) VALUES ($segment, $profile, $ws, $at)
            """))
        using (var exit = Command(connection, transaction, "DELETE FROM segment_members WHERE segment_id = $segment AND profile_id = $profile"))
        using (var record = Command(connection, transaction, """
            INSERT INTO segment_transitions (workspace_id, segment_id, profile_id, entered, at, reason) VALUES ($ws, $segment, $profile, $entered, $at, $reason)
            """))
        {
            foreach (var t in batch.Transitions)
            {
                var change = t.Entered ? enter : exit;
                change.Parameters.Clear();
                change.Parameters.AddWithValue("$segment", t.SegmentId);
                change.Parameters.AddWithValue("$profile", t.ProfileId);
                if (t.Entered)
                {
                    change.Parameters.AddWithValue("$ws", t.WorkspaceId);
                    change.Parameters.AddWithValue("$at", UnixTime.ToMs(t.At));
                }

                change.ExecuteNonQuery();
                record.Parameters.Clear();
                record.Parameters.AddWithValue("$ws", t.WorkspaceId);
                record.Parameters.AddWithValue("$segment", t.SegmentId);
                record.Parameters.AddWithValue("$profile", t.ProfileId);
                record.Parameters.AddWithValue("$entered", t.Entered ? 1 : 0);
                record.Parameters.AddWithValue("$at", UnixTime.ToMs(t.At));
                record.Parameters.AddWithValue("$reason", (int)t.Reason);
                record.ExecuteNonQuery();
            }
        }

        using (var consume = Command(connection, transaction, "DELETE FROM audience_dirty WHERE profile_id = $id AND mark = $mark"))
        {
            var (id, mark) = (consume.Parameters.Add("$id", SqliteType.Integer), consume.Parameters.Add("$mark", SqliteType.Integer));
            foreach (var (profileId, value) in batch.Consumed)
            {
                id.Value = profileId;
                mark.Value = value;
                consume.ExecuteNonQuery();
            }
        }

        if (batch.Recompute is { } progress)
        {
            using var command = Command(connection, transaction, """
                INSERT INTO audience_recompute (workspace_id, fingerprint, cursor, done) VALUES ($ws, $fingerprint, $cursor, $done)
                ON CONFLICT (workspace_id) DO UPDATE SET fingerprint = excluded.fingerprint, cursor = excluded.cursor, done = excluded.done
                """);
            command.Parameters.AddWithValue("$ws", progress.WorkspaceId);
            command.Parameters.AddWithValue("$fingerprint", progress.Fingerprint);
            command.Parameters.AddWithValue("$cursor", progress.Cursor);
            command.Parameters.AddWithValue("$done", progress.Done ? 1 : 0);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask<RecomputeProgress?> RecomputeProgressAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT fingerprint, cursor, done FROM audience_recompute WHERE workspace_id = $ws");
        command.Parameters.AddWithValue("$ws", workspaceId);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read()
            ? new RecomputeProgress(workspaceId, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2) != 0)
            : null);
    }

    public ValueTask<IReadOnlyList<long>> ProfileIdsAsync(int workspaceId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT id FROM profiles WHERE workspace_id = $ws AND id > $after ORDER BY id LIMIT $limit");
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        return ValueTask.FromResult(Longs(command));
    }

    public ValueTask<(IReadOnlyList<long> Sample, long Population)> SampleProfileIdsAsync(int workspaceId, int size, int seed, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var range = Command(connection, null, "SELECT count(*), min(id), max(id) FROM profiles WHERE workspace_id = $ws");
        range.Parameters.AddWithValue("$ws", workspaceId);
        long population, min, max;
        using (var reader = range.ExecuteReader())
        {
            reader.Read();
            population = reader.GetInt64(0);
            if (population == 0)
            {
                return ValueTask.FromResult<(IReadOnlyList<long>, long)>(([], 0));
            }

            (min, max) = (reader.GetInt64(1), reader.GetInt64(2));
        }

        if (population <= size)
        {
            using var all = Command(connection, null, "SELECT id FROM profiles WHERE workspace_id = $ws ORDER BY id");
            all.Parameters.AddWithValue("$ws", workspaceId);
            return ValueTask.FromResult((Longs(all), population));
        }

        // Ids are dense but have gaps (merges, other workspaces): draw ids uniformly in [min, max] and keep those
        // that are this workspace's profiles. Each existing id is equally likely, so the sample is uniform.
        var random = new Random(seed);
        var found = new SortedSet<long>();
        using var exists = Command(connection, null, "SELECT id FROM profiles WHERE workspace_id = $ws AND id IN (SELECT value FROM json_each($ids))");
        exists.Parameters.AddWithValue("$ws", workspaceId);
        var ids = exists.Parameters.Add("$ids", SqliteType.Text);
        for (int round = 0; round < 50 && found.Count < size; round++)
        {
            var draw = new long[Math.Min(5_000, (size - found.Count) * 2 + 16)];
            for (int i = 0; i < draw.Length; i++)
            {
                draw[i] = random.NextInt64(min, max + 1);
            }

            ids.Value = System.Text.Json.JsonSerializer.Serialize(draw);
            var existing = Longs(exists).ToHashSet();
            foreach (long id in draw)
            {
                // In draw order, so that stopping at the sample size does not favour low ids.
                if (found.Count < size && existing.Contains(id))
                {
                    found.Add(id);
                }
            }
        }

        return ValueTask.FromResult<(IReadOnlyList<long>, long)>((found.ToList(), population));
    }

    public ValueTask<(IReadOnlyDictionary<Omnia.Core.Lifecycle.LifecycleStage, long> Stages, IReadOnlyDictionary<string, long> Personas)> DistributionAsync(
        int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        var stages = new Dictionary<Omnia.Core.Lifecycle.LifecycleStage, long>();
        using (var command = Command(connection, null, "SELECT lifecycle_stage, count(*) FROM profile_audiences WHERE workspace_id = $ws AND lifecycle_stage IS NOT NULL GROUP BY 1"))
        {
            command.Parameters.AddWithValue("$ws", workspaceId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stages[(Omnia.Core.Lifecycle.LifecycleStage)reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        var personas = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = Command(connection, null, "SELECT persona, count(*) FROM profile_audiences WHERE workspace_id = $ws AND persona IS NOT NULL GROUP BY 1"))
        {
            command.Parameters.AddWithValue("$ws", workspaceId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                personas[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return ValueTask.FromResult<(IReadOnlyDictionary<Omnia.Core.Lifecycle.LifecycleStage, long>, IReadOnlyDictionary<string, long>)>((stages, personas));
    }

    public ValueTask<IReadOnlyDictionary<long, long>> SizesAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT segment_id, count(*) FROM segment_members WHERE workspace_id = $ws GROUP BY segment_id");
        command.Parameters.AddWithValue("$ws", workspaceId);
        var result = new Dictionary<long, long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return ValueTask.FromResult<IReadOnlyDictionary<long, long>>(result);
    }

    public ValueTask<IReadOnlyList<long>> MembersAsync(long segmentId, long afterProfileId, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT profile_id FROM segment_members WHERE segment_id = $segment AND profile_id > $after ORDER BY profile_id LIMIT $limit");
        command.Parameters.AddWithValue("$segment", segmentId);
        command.Parameters.AddWithValue("$after", afterProfileId);
        command.Parameters.AddWithValue("$limit", limit);
        return ValueTask.FromResult(Longs(command));
    }

    public ValueTask<IReadOnlyList<SegmentTransition>> TransitionsAsync(
        int workspaceId, long afterId, int limit, long? segmentId = null, long? profileId = null, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        string filter = (segmentId is null ? "" : " AND segment_id = $segment") + (profileId is null ? "" : " AND profile_id = $profile");
        using var command = Command(connection, null, $"""
            SELECT id, workspace_id, segment_id, profile_id, entered, at, reason FROM segment_transitions
            WHERE workspace_id = $ws AND id > $after{filter} ORDER BY id LIMIT $limit
            """);
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        if (segmentId is { } segment)
        {
            command.Parameters.AddWithValue("$segment", segment);
        }

        if (profileId is { } profile)
        {
            command.Parameters.AddWithValue("$profile", profile);
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
        using var command = Command(connection, null, """
            SELECT date(at / 1000, 'unixepoch') AS day, sum(entered), sum(1 - entered) FROM segment_transitions
            WHERE segment_id = $segment AND at >= $from AND at < $to GROUP BY day ORDER BY day
            """);
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

    private static IReadOnlyList<long> Longs(SqliteCommand command)
    {
        var result = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetInt64(0));
        }

        return result;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
