using Omnia.Core.Users;

namespace Omnia.Storage.Sqlite;

/// <summary>Server-side sign-in sessions: a row per session, keyed by the hash of the cookie's token.</summary>
public sealed partial class SqliteUserStore
{
    public ValueTask CreateSessionAsync(UserSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var connection = database.Open();
        using var command = Command(connection, """
            INSERT INTO user_sessions (token_hash, user_id, created_at, last_seen_at, expires_at, client)
            VALUES ($hash, $user, $created, $seen, $expires, $client)
            """, ("$hash", session.TokenHash), ("$user", session.UserId), ("$created", UnixTime.ToMs(session.CreatedAt)),
            ("$seen", UnixTime.ToMs(session.LastSeenAt)), ("$expires", UnixTime.ToMs(session.ExpiresAt)), ("$client", (object?)session.Client ?? DBNull.Value));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<UserSession?> FindSessionAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Sessions(connection, "token_hash = $key AND expires_at > $now", ("$key", tokenHash)).FirstOrDefault());
    }

    public ValueTask TouchSessionAsync(string tokenHash, DateTimeOffset seenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE user_sessions SET last_seen_at = $seen, expires_at = $expires WHERE token_hash = $hash",
            ("$seen", UnixTime.ToMs(seenAt)), ("$expires", UnixTime.ToMs(expiresAt)), ("$hash", tokenHash));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask EndSessionAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM user_sessions WHERE token_hash = $hash", ("$hash", tokenHash));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> EndSessionsAsync(int userId, string? keepTokenHash = null, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM user_sessions WHERE user_id = $id AND token_hash IS NOT $keep",
            ("$id", userId), ("$keep", (object?)keepTokenHash ?? DBNull.Value));
        return ValueTask.FromResult(command.ExecuteNonQuery());
    }

    public ValueTask<IReadOnlyList<UserSession>> ListSessionsAsync(int userId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult<IReadOnlyList<UserSession>>(Sessions(connection, "user_id = $key AND expires_at > $now ORDER BY created_at DESC", ("$key", userId)));
    }

    private List<UserSession> Sessions(Microsoft.Data.Sqlite.SqliteConnection connection, string where, (string Name, object Value) key)
    {
        using var command = Command(connection, $"SELECT token_hash, user_id, created_at, last_seen_at, expires_at, client FROM user_sessions WHERE {where}",
            key, ("$now", UnixTime.ToMs(clock.GetUtcNow())));
        using var reader = command.ExecuteReader();
        var sessions = new List<UserSession>();
        while (reader.Read())
        {
            sessions.Add(new UserSession(reader.GetString(0), reader.GetInt32(1), UnixTime.FromMs(reader.GetInt64(2)), UnixTime.FromMs(reader.GetInt64(3)),
                UnixTime.FromMs(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return sessions;
    }
}
