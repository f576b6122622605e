using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Omnia.Core.Analytics;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;

namespace Omnia.Storage.Sqlite;

/// <summary>Profiles, identifiers, event links and merges in SQLite.</summary>
public sealed class SqliteProfileStore(SqliteDatabase database) : IProfileStore
{
    private const string Checkpoint = "profiles";

    public ValueTask SaveAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var transaction = connection.BeginTransaction();

        using (var upsert = Command(connection, transaction, """
            INSERT INTO profiles (id, workspace_id, last_seen, event_count, state) VALUES ($id, $ws, $last, $count, $state)
            ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, event_count = excluded.event_count, state = excluded.state
            """))
        {
            var (id, ws, last, count, state) = (upsert.Parameters.Add("$id", SqliteType.Integer), upsert.Parameters.Add("$ws", SqliteType.Integer),
                upsert.Parameters.Add("$last", SqliteType.Integer), upsert.Parameters.Add("$count", SqliteType.Integer), upsert.Parameters.Add("$state", SqliteType.Text));
            foreach (var profile in batch.Profiles)
            {
                id.Value = profile.Id;
                ws.Value = profile.WorkspaceId;
                last.Value = UnixTime.ToMs(profile.LastSeen);
                count.Value = profile.EventCount;
                state.Value = JsonSerializer.Serialize(profile, ProfileJson.Options);
                upsert.ExecuteNonQuery();
            }
        }

        using (var dirty = Command(connection, transaction, """
            INSERT INTO audience_dirty (profile_id, workspace_id, mark) VALUES ($id, $ws, $mark)
            ON CONFLICT (profile_id) DO UPDATE SET mark = excluded.mark
            """))
        {
            // Every changed or merged-away profile is queued for the audience processor, in the same transaction.
            var (id, ws, mark) = (dirty.Parameters.Add("$id", SqliteType.Integer), dirty.Parameters.Add("$ws", SqliteType.Integer), dirty.Parameters.Add("$mark", SqliteType.Integer));
            mark.Value = batch.Checkpoint;
            foreach (var (profileId, workspaceId) in batch.Profiles.Select(p => (p.Id, p.WorkspaceId)).Concat(batch.Merges.Select(m => (m.From, m.WorkspaceId))))
            {
                id.Value = profileId;
                ws.Value = workspaceId;
                dirty.ExecuteNonQuery();
            }
        }

        using (var identifier = Command(connection, transaction, """
            INSERT INTO identifiers (workspace_id, type, value, profile_id) VALUES ($ws, $type, $value, $profile)
            ON CONFLICT (workspace_id, type, value) DO UPDATE SET profile_id = excluded.profile_id
            """))
        {
            var (ws, type, value, profile) = (identifier.Parameters.Add("$ws", SqliteType.Integer), identifier.Parameters.Add("$type", SqliteType.Text),
                identifier.Parameters.Add("$value", SqliteType.Text), identifier.Parameters.Add("$profile", SqliteType.Integer));
            foreach (var item in batch.Identifiers)
            {
                ws.Value = item.WorkspaceId;
                type.Value = item.Identifier.Type;
                value.Value = item.Identifier.Value;
                profile.Value = item.ProfileId;
                identifier.ExecuteNonQuery();
            }
        }

        using (var link = Command(connection, transaction, "INSERT OR IGNORE INTO profile_events (profile_id, timestamp, seq, name) VALUES ($profile, $ts, $seq, $name)"))
        {
            var (profile, ts, seq) = (link.Parameters.Add("$profile", SqliteType.Integer), link.Parameters.Add("$ts", SqliteType.Integer), link.Parameters.Add("$seq", SqliteType.Integer));
            var name = link.Parameters.Add("$name", SqliteType.Text);
            link.Prepare();
            foreach (var item in batch.Links)
            {
                profile.Value = item.ProfileId;
                ts.Value = UnixTime.ToMs(item.Timestamp);
                seq.Value = item.Seq;
                name.Value = (object?)item.Name ?? DBNull.Value;
                link.ExecuteNonQuery();
            }
        }

        foreach (var merge in batch.Merges)
        {
            using var command = Command(connection, transaction, """
                INSERT OR IGNORE INTO profile_events (profile_id, timestamp, seq, name) SELECT $into, timestamp, seq, name FROM profile_events WHERE profile_id = $from;
                DELETE FROM profile_events WHERE profile_id = $from;
                UPDATE identifiers SET profile_id = $into WHERE profile_id = $from;
                DELETE FROM profiles WHERE id = $from;
                UPDATE merges SET into_profile = $into WHERE into_profile = $from;
                INSERT INTO merges (workspace_id, from_profile, into_profile, seq, at, moved) VALUES ($ws, $from, $into, $seq, $at, $moved)
                ON CONFLICT (from_profile) DO NOTHING;
                """);
            command.Parameters.AddWithValue("$into", merge.Into);
            command.Parameters.AddWithValue("$from", merge.From);
            command.Parameters.AddWithValue("$ws", merge.WorkspaceId);
            command.Parameters.AddWithValue("$seq", merge.Seq);
            command.Parameters.AddWithValue("$at", UnixTime.ToMs(merge.At));
            command.Parameters.AddWithValue("$moved", JsonSerializer.Serialize(merge.Moved, ProfileJson.Options));
            command.ExecuteNonQuery();
        }

        using (var days = Command(connection, transaction, """
            INSERT INTO channel_days (workspace_id, day, channel, events) VALUES ($ws, $day, $channel, $events)
            ON CONFLICT (workspace_id, day, channel) DO UPDATE SET events = events + excluded.events
            """))
        {
            var (ws, day, channel, events) = (days.Parameters.Add("$ws", SqliteType.Integer), days.Parameters.Add("$day", SqliteType.Text),
                days.Parameters.Add("$channel", SqliteType.Text), days.Parameters.Add("$events", SqliteType.Integer));
            foreach (var ((workspaceId, date, name), count) in batch.ChannelDays)
            {
                ws.Value = workspaceId;
                day.Value = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                channel.Value = name;
                events.Value = count;
                days.ExecuteNonQuery();
            }
        }

        using (var checkpoint = Command(connection, transaction, """
            INSERT INTO checkpoints (name, seq, next_profile_id) VALUES ($name, $seq, $next)
            ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, next_profile_id = excluded.next_profile_id
            """))
        {
            checkpoint.Parameters.AddWithValue("$name", Checkpoint);
            checkpoint.Parameters.AddWithValue("$seq", batch.Checkpoint);
            checkpoint.Parameters.AddWithValue("$next", batch.NextProfileId);
            checkpoint.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.CompletedTask;
    }

    public ValueTask<ProjectionCheckpoint> LoadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT seq, next_profile_id FROM checkpoints WHERE name = $name");
        command.Parameters.AddWithValue("$name", Checkpoint);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? new ProjectionCheckpoint(reader.GetInt64(0), reader.GetInt64(1)) : new ProjectionCheckpoint(0, 1));
    }

    public async IAsyncEnumerable<ProfileIdentifier> LoadIdentifiersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT workspace_id, type, value, profile_id FROM identifiers ORDER BY profile_id");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.Read())
        {
            yield return new ProfileIdentifier(reader.GetInt32(0), new Identifier(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3));
        }
    }

    public ValueTask<ProfileState?> GetAsync(int workspaceId, long profileId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        long id = Survivor(connection, profileId);
        using var command = Command(connection, null, "SELECT state FROM profiles WHERE id = $id AND workspace_id = $ws");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(command.ExecuteScalar() is string json ? Deserialize(json) : null);
    }

    public ValueTask<IReadOnlyList<ProfileState>> GetManyAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default)
    {
        var result = new List<ProfileState>(profileIds.Count);
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT state FROM profiles WHERE id = $id");
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        command.Prepare();
        foreach (long profileId in profileIds)
        {
            id.Value = profileId;
            if (command.ExecuteScalar() is string json)
            {
                result.Add(Deserialize(json));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ProfileState>>(result);
    }

    public ValueTask<long?> FindAsync(int workspaceId, Identifier identifier, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT profile_id FROM identifiers WHERE workspace_id = $ws AND type = $type AND value = $value");
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$type", identifier.Type);
        command.Parameters.AddWithValue("$value", identifier.Value);
        return ValueTask.FromResult(command.ExecuteScalar() is long id ? id : (long?)null);
    }

    public ValueTask<IReadOnlyList<Identifier>> IdentifiersAsync(long profileId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT type, value FROM identifiers WHERE profile_id = $id ORDER BY type, value");
        command.Parameters.AddWithValue("$id", Survivor(connection, profileId));
        var result = new List<Identifier>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Identifier(reader.GetString(0), reader.GetString(1)));
        }

        return ValueTask.FromResult<IReadOnlyList<Identifier>>(result);
    }

    public ValueTask<IReadOnlyList<MergeRecord>> MergesIntoAsync(long profileId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT workspace_id, from_profile, into_profile, seq, at, moved FROM merges WHERE into_profile = $id ORDER BY seq");
        command.Parameters.AddWithValue("$id", Survivor(connection, profileId));
        var result = new List<MergeRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var moved = JsonSerializer.Deserialize<List<Identifier>>(reader.GetString(5), ProfileJson.Options) ?? [];
            result.Add(new MergeRecord(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), UnixTime.FromMs(reader.GetInt64(4)), moved));
        }

        return ValueTask.FromResult<IReadOnlyList<MergeRecord>>(result);
    }

    public ValueTask<IReadOnlyList<LogEvent>> TimelineAsync(long profileId, int limit, long? beforeSeq = null, CancellationToken cancellationToken = default)
    {
        var seqs = new List<long>(limit);
        using (var connection = database.OpenDerived())
        {
            string before = beforeSeq is null
                ? ""
                : "AND (timestamp, seq) < (SELECT timestamp, seq FROM profile_events WHERE profile_id = $id AND seq = $before)";
            using var command = Command(connection, null, $"""
                SELECT seq FROM profile_events WHERE profile_id = $id {before}
                ORDER BY timestamp DESC, seq DESC LIMIT $limit
                """);
            command.Parameters.AddWithValue("$id", Survivor(connection, profileId));
            command.Parameters.AddWithValue("$limit", limit);
            if (beforeSeq is { } seq)
            {
                command.Parameters.AddWithValue("$before", seq);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                seqs.Add(reader.GetInt64(0));
            }
        }

        using var log = database.Open();
        return ValueTask.FromResult(SqliteEventStore.ReadInOrder(log, seqs));
    }

    public ValueTask<IReadOnlyDictionary<long, IReadOnlyList<LogEvent>>> EventsAsync(
        IReadOnlyCollection<long> profileIds, IReadOnlyCollection<string>? names = null, CancellationToken cancellationToken = default)
    {
        var links = new List<(long Profile, long Seq)>();
        using (var connection = database.OpenDerived())
        {
            // Links without a name were written before names were kept: they are always read.
            string filter = names is null ? "" : "AND (name IS NULL OR name IN (SELECT value FROM json_each($names)))";
            using var command = Command(connection, null, $"""
                SELECT profile_id, seq FROM profile_events WHERE profile_id IN (SELECT value FROM json_each($ids)) {filter}
                ORDER BY profile_id, timestamp, seq
                """);
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(profileIds));
            if (names is not null)
            {
                command.Parameters.AddWithValue("$names", JsonSerializer.Serialize(names));
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                links.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        var result = new Dictionary<long, IReadOnlyList<LogEvent>>();
        if (links.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<long, IReadOnlyList<LogEvent>>>(result);
        }

        using var log = database.Open();
        var bySeq = SqliteEventStore.ReadInOrder(log, links.Select(l => l.Seq).ToList()).ToDictionary(e => e.Seq);
        foreach (var group in links.GroupBy(l => l.Profile))
        {
            result[group.Key] = group.Where(l => bySeq.ContainsKey(l.Seq)).Select(l => bySeq[l.Seq]).ToList();
        }

        return ValueTask.FromResult<IReadOnlyDictionary<long, IReadOnlyList<LogEvent>>>(result);
    }

    public ValueTask<IReadOnlyList<EventLink>> LinksAfterAsync(IReadOnlyCollection<(long ProfileId, long AfterSeq)> from, CancellationToken cancellationToken = default)
    {
        var result = new List<EventLink>();
        if (from.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<EventLink>>(result);
        }

        using var connection = database.OpenDerived();
        using var command = Command(connection, null, """
            SELECT pe.profile_id, pe.seq, pe.timestamp, pe.name
            FROM json_each($from) AS wanted CROSS JOIN profile_events AS pe
              ON pe.profile_id = json_extract(wanted.value, '$[0]') AND pe.seq > json_extract(wanted.value, '$[1]')
            ORDER BY pe.seq
            """);
        command.Parameters.AddWithValue("$from", JsonSerializer.Serialize(from.Select(f => new[] { f.ProfileId, f.AfterSeq })));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new EventLink(reader.GetInt64(0), reader.GetInt64(1), UnixTime.FromMs(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return ValueTask.FromResult<IReadOnlyList<EventLink>>(result);
    }

    public ValueTask<IReadOnlyList<LogEvent>> ReadEventsAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken = default)
    {
        using var log = database.Open();
        return ValueTask.FromResult(SqliteEventStore.ReadInOrder(log, seqs));
    }

    public ValueTask<IReadOnlyList<ProfileState>> SearchAsync(int workspaceId, string query, string? trait, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        string normalized = query.Trim();
        string traitFilter = trait is null
            ? "p.state LIKE '%' || $q || '%' ESCAPE '\\'"
            : "CAST(json_extract(p.state, '$.traits.\"' || $trait || '\".value') AS TEXT) LIKE '%' || $q || '%' ESCAPE '\\'";
        using var command = Command(connection, null, $"""
            SELECT p.state FROM profiles p WHERE p.workspace_id = $ws AND p.id IN (
                SELECT profile_id FROM identifiers WHERE workspace_id = $ws AND value >= $lower AND value < $upper
                UNION
                SELECT id FROM profiles p WHERE workspace_id = $ws AND {traitFilter})
            ORDER BY p.last_seen DESC LIMIT $limit
            """);
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$lower", trait is null ? normalized.ToLowerInvariant() : "\uffff");
        command.Parameters.AddWithValue("$upper", trait is null ? normalized.ToLowerInvariant() + "\uffff" : "\uffff");
        command.Parameters.AddWithValue("$q", Escape(normalized));
        command.Parameters.AddWithValue("$limit", limit);
        if (trait is not null)
        {
            command.Parameters.AddWithValue("$trait", trait.Replace("\"", "", StringComparison.Ordinal));
        }

        var result = new List<ProfileState>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(Deserialize(reader.GetString(0)));
        }

        return ValueTask.FromResult<IReadOnlyList<ProfileState>>(result);
    }

    public ValueTask<IReadOnlyList<ChannelDay>> ChannelDaysAsync(int workspaceId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, """
            SELECT day, channel, events FROM channel_days WHERE workspace_id = $ws AND day >= $from AND day <= $to ORDER BY day, channel
            """);
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var result = new List<ChannelDay>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new ChannelDay(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), reader.GetInt64(2)));
        }

        return ValueTask.FromResult<IReadOnlyList<ChannelDay>>(result);
    }

    public ValueTask<long> IdentifiedCountAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, """
            SELECT count(DISTINCT profile_id) FROM identifiers WHERE workspace_id = $ws AND type IN ('user_id', 'email', 'phone')
            """);
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask<long> CountAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, "SELECT count(*) FROM profiles WHERE workspace_id = $ws");
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = Command(connection, null, """
            DELETE FROM profiles; DELETE FROM identifiers; DELETE FROM profile_events; DELETE FROM merges; DELETE FROM channel_days;
            DELETE FROM checkpoints;
            DELETE FROM audience_dirty; DELETE FROM profile_audiences; DELETE FROM segment_members; DELETE FROM segment_transitions;
            DELETE FROM audience_recompute;
            """);
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    /// <summary>Follows merge records to the profile that holds a merged-away id now.</summary>
    private static long Survivor(SqliteConnection connection, long profileId)
    {
        using var command = Command(connection, null, "SELECT into_profile FROM merges WHERE from_profile = $id");
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        long current = profileId;
        for (int hop = 0; hop < 64; hop++)
        {
            id.Value = current;
            if (command.ExecuteScalar() is not long next)
            {
                break;
            }

            current = next;
        }

        return current;
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static ProfileState Deserialize(string json) => JsonSerializer.Deserialize<ProfileState>(json, ProfileJson.Options)!;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
