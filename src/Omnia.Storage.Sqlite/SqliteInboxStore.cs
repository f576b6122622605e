using Microsoft.Data.Sqlite;
using Omnia.Core.Messaging;

namespace Omnia.Storage.Sqlite;

/// <summary>The in-app inbox in <c>derived.db</c>: one row per in-app message, keyed by its outbox key.</summary>
public sealed class SqliteInboxStore(SqliteDatabase database) : IInboxStore
{
    private const string Columns = "key, workspace_id, profile_id, campaign, content, title, body, button, link, sent_at, expires_at, state";

    public ValueTask PutAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var writing = database.DerivedWrites.EnterScope();
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT OR IGNORE INTO inapp_inbox ({Columns}) VALUES ($key, $ws, $profile, $campaign, $content, $title, $body, $button, $link, $sent, $expires, $state)";
        command.Parameters.AddWithValue("$key", message.Key);
        command.Parameters.AddWithValue("$ws", message.WorkspaceId);
        command.Parameters.AddWithValue("$profile", message.ProfileId);
        command.Parameters.AddWithValue("$campaign", (object?)message.Campaign ?? DBNull.Value);
        command.Parameters.AddWithValue("$content", (object?)message.Content ?? DBNull.Value);
        command.Parameters.AddWithValue("$title", (object?)message.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", (object?)message.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("$button", (object?)message.Button ?? DBNull.Value);
        command.Parameters.AddWithValue("$link", (object?)message.Link ?? DBNull.Value);
        command.Parameters.AddWithValue("$sent", UnixTime.ToMs(message.SentAt));
        command.Parameters.AddWithValue("$expires", UnixTime.ToMs(message.ExpiresAt));
        command.Parameters.AddWithValue("$state", (int)message.State);
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<InboxMessage>> OfferedAsync(int workspaceId, long profileId, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inapp_inbox WHERE profile_id = $profile AND workspace_id = $ws AND state <= 1 AND expires_at > $now ORDER BY sent_at DESC LIMIT $limit";
        command.Parameters.AddWithValue("$profile", profileId);
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
        command.Parameters.AddWithValue("$limit", limit);
        return ValueTask.FromResult(Read(command));
    }

    public ValueTask<InboxMessage?> GetAsync(int workspaceId, string key, CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM inapp_inbox WHERE key = $key AND workspace_id = $ws";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$ws", workspaceId);
        return ValueTask.FromResult(Read(command).FirstOrDefault());
    }

    public ValueTask SetStateAsync(string key, InboxState state, CancellationToken cancellationToken = default)
    {
        using var writing = database.DerivedWrites.EnterScope();
        using var connection = database.OpenDerived();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE inapp_inbox SET state = $state WHERE key = $key AND state < $state";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$state", (int)state);
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteProfilesAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default)
    {
        database.DeleteDerivedProfileRows("inapp_inbox", profileIds);
        return ValueTask.CompletedTask;
    }

    private static IReadOnlyList<InboxMessage> Read(SqliteCommand command)
    {
        var result = new List<InboxMessage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            result.Add(new InboxMessage(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8),
                UnixTime.FromMs(reader.GetInt64(9)), UnixTime.FromMs(reader.GetInt64(10))) { State = (InboxState)reader.GetInt32(11) });
        }

        return result;
    }
}
