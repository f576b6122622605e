using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Sqlite;

/// <summary>Changes to accounts: role, deactivation, password and two-factor secret. Each one that takes access away ends the user's sessions in the same transaction.</summary>
public sealed partial class SqliteUserStore
{
    public ValueTask<User?> SetRoleAsync(int id, Role role, CancellationToken cancellationToken = default) =>
        UpdateAndEndSessionsAsync(id, "UPDATE users SET role = $value WHERE id = $id", (int)role, null, cancellationToken);

    public ValueTask<User?> SetActiveAsync(int id, bool active, CancellationToken cancellationToken = default) =>
        UpdateAndEndSessionsAsync(id, "UPDATE users SET active = $value WHERE id = $id", active ? 1 : 0, null, cancellationToken);

    public async ValueTask SetPasswordAsync(int id, string passwordHash, string? keepSessionHash = null, CancellationToken cancellationToken = default) =>
        await UpdateAndEndSessionsAsync(id, "UPDATE users SET password_hash = $value WHERE id = $id", passwordHash, keepSessionHash, cancellationToken);

    public ValueTask SetTotpSecretAsync(int id, string? protectedSecret, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE users SET totp_secret = $secret, totp_last_step = 0 WHERE id = $id",
            ("$secret", (object?)protectedSecret ?? DBNull.Value), ("$id", id));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> UseTotpStepAsync(int id, long step, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE users SET totp_last_step = $step WHERE id = $id AND totp_last_step < $step", ("$step", step), ("$id", id));
        return ValueTask.FromResult(command.ExecuteNonQuery() == 1);
    }

    private ValueTask<User?> UpdateAndEndSessionsAsync(int id, string sql, object value, string? keepSessionHash, CancellationToken cancellationToken)
    {
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using var update = Command(connection, sql, ("$value", value), ("$id", id));
            update.Transaction = transaction;
            if (update.ExecuteNonQuery() == 0)
            {
                return ValueTask.FromResult<User?>(null);
            }

            using var end = Command(connection, "DELETE FROM user_sessions WHERE user_id = $id AND token_hash IS NOT $keep", ("$id", id), ("$keep", (object?)keepSessionHash ?? DBNull.Value));
            end.Transaction = transaction;
            end.ExecuteNonQuery();
            transaction.Commit();
        }

        return GetAsync(id, cancellationToken);
    }
}
