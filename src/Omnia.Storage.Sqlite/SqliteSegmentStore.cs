using Microsoft.Data.Sqlite;
using Omnia.Core.Audiences;
using Omnia.Core.Segments;

namespace Omnia.Storage.Sqlite;

/// <summary>Saved segment definitions, in the log database beside the rest of the workspace configuration.</summary>
public sealed class SqliteSegmentStore(SqliteDatabase database, TimeProvider clock) : ISegmentStore
{
    private const string Columns = "id, workspace_id, slug, definition, version, created_at, updated_at";

    public ValueTask<IReadOnlyList<StoredSegment>> ListSegmentsAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM segments WHERE workspace_id = $ws ORDER BY id";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(Read(command));
    }

    public ValueTask<StoredSegment?> FindSegmentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Find(connection, null, workspaceId, slug));
    }

    public ValueTask<StoredSegment> PutSegmentAsync(int workspaceId, string slug, string definitionJson, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        long now = UnixTime.ToMs(clock.GetUtcNow());
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO segments (workspace_id, slug, definition, version, created_at, updated_at) VALUES ($ws, $slug, $definition, 1, $now, $now)
            ON CONFLICT (workspace_id, slug) DO UPDATE SET definition = excluded.definition, version = version + 1, updated_at = excluded.updated_at
            WHERE definition <> excluded.definition
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        command.Parameters.AddWithValue("$definition", definitionJson);
        command.Parameters.AddWithValue("$now", now);
        command.ExecuteNonQuery();
        var saved = Find(connection, transaction, workspaceId, slug)!;
        transaction.Commit();
        return ValueTask.FromResult(saved);
    }

    public ValueTask<bool> DeleteSegmentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM segments WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return ValueTask.FromResult(command.ExecuteNonQuery() > 0);
    }

    private static StoredSegment? Find(SqliteConnection connection, SqliteTransaction? transaction, int workspaceId, string slug)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM segments WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return Read(command).SingleOrDefault();
    }

    private static IReadOnlyList<StoredSegment> Read(SqliteCommand command)
    {
        var result = new List<StoredSegment>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var parsed = SegmentDefinition.ParseSaved(reader.GetString(3));
            if (!parsed.IsValid)
            {
                // Saved definitions were valid when saved; one that no longer parses is a bug to surface, not to skip.
                throw new InvalidOperationException($"Saved segment '{reader.GetString(2)}' no longer parses: {string.Join("; ", parsed.Errors)}");
            }

            result.Add(new StoredSegment(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), parsed.Definition, reader.GetInt32(4),
                UnixTime.FromMs(reader.GetInt64(5)), UnixTime.FromMs(reader.GetInt64(6))));
        }

        return result;
    }
}
