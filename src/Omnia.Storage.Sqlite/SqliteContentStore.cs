using Omnia.Core.Content;

namespace Omnia.Storage.Sqlite;

/// <summary>Content items, in the log database beside the rest of the workspace configuration.</summary>
public sealed class SqliteContentStore(SqliteDatabase database, TimeProvider clock) : IContentStore
{
    private const string Columns = "workspace_id, slug, json, version, updated_at";

    public ValueTask<IReadOnlyList<StoredContent>> ListContentAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM content_items WHERE workspace_id = $ws ORDER BY slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(Read(command));
    }

    public ValueTask<StoredContent?> FindContentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM content_items WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return ValueTask.FromResult(Read(command).SingleOrDefault());
    }

    public ValueTask<StoredContent> PutContentAsync(int workspaceId, string slug, string json, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO content_items (workspace_id, slug, json, version, updated_at) VALUES ($ws, $slug, $json, 1, $now)
                ON CONFLICT (workspace_id, slug) DO UPDATE SET json = excluded.json, version = version + 1, updated_at = excluded.updated_at
                WHERE json <> excluded.json
                """;
            command.Parameters.AddWithValue("$ws", workspaceId);
            command.Parameters.AddWithValue("$slug", slug);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$now", UnixTime.ToMs(clock.GetUtcNow()));
            command.ExecuteNonQuery();
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM content_items WHERE workspace_id = $ws AND slug = $slug";
        select.Parameters.AddWithValue("$ws", workspaceId);
        select.Parameters.AddWithValue("$slug", slug);
        var saved = Read(select).Single();
        transaction.Commit();
        return ValueTask.FromResult(saved);
    }

    public ValueTask<bool> DeleteContentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM content_items WHERE workspace_id = $ws AND slug = $slug";
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$slug", slug);
        return ValueTask.FromResult(command.ExecuteNonQuery() > 0);
    }

    private static IReadOnlyList<StoredContent> Read(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var result = new List<StoredContent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredContent(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), UnixTime.FromMs(reader.GetInt64(4))));
        }

        return result;
    }
}
