using Microsoft.Data.Sqlite;
using Omnia.Core.Journeys;

namespace Omnia.Storage.Sqlite;

/// <summary>Journey drafts and their published versions, in the log database beside the rest of the workspace configuration.</summary>
public sealed class SqliteJourneyStore(SqliteDatabase database, TimeProvider clock) : IJourneyStore
{
    private const string Columns = "id, workspace_id, slug, name, status, draft, live_version, updated_at";

    public ValueTask<IReadOnlyList<StoredJourney>> ListJourneysAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM journeys WHERE workspace_id = $ws ORDER BY id";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(ReadJourneys(command));
    }

    public ValueTask<StoredJourney?> FindJourneyAsync(int workspaceId, string slug, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Find(connection, null, workspaceId, slug));
    }

    public ValueTask<StoredJourney> PutDraftAsync(int workspaceId, string slug, string name, string draftJson, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO journeys (workspace_id, slug, name, status, draft, live_version, updated_at) VALUES ($ws, $slug, $name, 0, $draft, 0, $now)
                ON CONFLICT (workspace_id, slug) DO UPDATE SET name = excluded.name, draft = excluded.draft, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$ws", workspaceId);
            command.Parameters.AddWithValue("$slug", slug);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$draft", draftJson);
            command.Parameters.AddWithValue("$now", UnixTime.ToMs(clock.GetUtcNow()));
            command.ExecuteNonQuery();
        }

        var saved = Find(connection, transaction, workspaceId, slug)!;
        transaction.Commit();
        return ValueTask.FromResult(saved);
    }

    public ValueTask<JourneyVersion> PublishAsync(int workspaceId, string slug, string? publishedBy, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var journey = Find(connection, transaction, workspaceId, slug)
            ?? throw new KeyNotFoundException($"There is no journey '{slug}' in workspace {workspaceId}.");
        var live = journey.LiveVersion > 0 ? Version(connection, transaction, journey.Id, journey.LiveVersion) : null;
        long now = UnixTime.ToMs(clock.GetUtcNow());
        JourneyVersion result;
        if (live is not null && live.DefinitionJson == journey.DraftJson)
        {
            result = live;
        }
        else
        {
            int next = MaxVersion(connection, transaction, journey.Id) + 1;
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO journey_versions (journey_id, version, definition, published_at, published_by) VALUES ($id, $version, $definition, $now, $by)
                """;
            insert.Parameters.AddWithValue("$id", journey.Id);
            insert.Parameters.AddWithValue("$version", next);
            insert.Parameters.AddWithValue("$definition", journey.DraftJson);
            insert.Parameters.AddWithValue("$now", now);
            insert.Parameters.AddWithValue("$by", (object?)publishedBy ?? DBNull.Value);
            insert.ExecuteNonQuery();
            result = new JourneyVersion(journey.Id, next, journey.DraftJson, UnixTime.FromMs(now), publishedBy);
        }

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE journeys SET live_version = $version, status = $live, updated_at = $now WHERE id = $id";
        update.Parameters.AddWithValue("$version", result.Version);
        update.Parameters.AddWithValue("$live", (int)JourneyStatus.Live);
        update.Parameters.AddWithValue("$now", now);
        update.Parameters.AddWithValue("$id", journey.Id);
        update.ExecuteNonQuery();
        transaction.Commit();
        return ValueTask.FromResult(result);
    }

    public ValueTask<bool> SetStatusAsync(int workspaceId, string slug, JourneyStatus status, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journeys SET status = $status, updated_at = $now WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$status", (int)status);
        command.Parameters.AddWithValue("$now", UnixTime.ToMs(clock.GetUtcNow()));
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return ValueTask.FromResult(command.ExecuteNonQuery() > 0);
    }

    public ValueTask<IReadOnlyList<JourneyVersion>> ListVersionsAsync(long journeyId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT journey_id, version, definition, published_at, published_by FROM journey_versions WHERE journey_id = $id ORDER BY version";
        command.Parameters.AddWithValue("$id", journeyId);
        return ValueTask.FromResult(ReadVersions(command));
    }

    public ValueTask<IReadOnlyList<JourneyVersion>> AllVersionsAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.journey_id, v.version, v.definition, v.published_at, v.published_by
            FROM journey_versions v JOIN journeys j ON j.id = v.journey_id
            WHERE j.workspace_id = $ws ORDER BY v.journey_id, v.version
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(ReadVersions(command));
    }

    private static StoredJourney? Find(SqliteConnection connection, SqliteTransaction? transaction, int workspaceId, string slug)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM journeys WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return ReadJourneys(command).SingleOrDefault();
    }

    private static JourneyVersion? Version(SqliteConnection connection, SqliteTransaction transaction, long journeyId, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT journey_id, version, definition, published_at, published_by FROM journey_versions WHERE journey_id = $id AND version = $version";
        command.Parameters.AddWithValue("$id", journeyId);
        command.Parameters.AddWithValue("$version", version);
        return ReadVersions(command).SingleOrDefault();
    }

    private static int MaxVersion(SqliteConnection connection, SqliteTransaction transaction, long journeyId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM journey_versions WHERE journey_id = $id";
        command.Parameters.AddWithValue("$id", journeyId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<StoredJourney> ReadJourneys(SqliteCommand command)
    {
        var result = new List<StoredJourney>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredJourney(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), (JourneyStatus)reader.GetInt32(4),
                reader.GetString(5), reader.GetInt32(6), UnixTime.FromMs(reader.GetInt64(7))));
        }

        return result;
    }

    private static IReadOnlyList<JourneyVersion> ReadVersions(SqliteCommand command)
    {
        var result = new List<JourneyVersion>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new JourneyVersion(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), UnixTime.FromMs(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return result;
    }
}
