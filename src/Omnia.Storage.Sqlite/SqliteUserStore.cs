using Microsoft.Data.Sqlite;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Sqlite;

/// <summary>Dashboard users in SQLite; emails are stored normalised (<see cref="EmailAddresses.Normalize"/>).</summary>
public sealed partial class SqliteUserStore(SqliteDatabase database, TimeProvider clock) : IUserStore
{
    private const string Columns = "id, email, role, all_workspaces, created_at, last_sign_in_at, active, totp_secret IS NOT NULL";

    public ValueTask<User?> CreateAsync(NewUser user, CancellationToken cancellationToken = default)
    {
        string email = EmailAddresses.Normalize(user.Email);
        long now = UnixTime.ToMs(clock.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = Command(connection, """
            INSERT INTO users (email, password_hash, role, all_workspaces, created_at) VALUES ($email, $hash, $role, $all, $at)
            ON CONFLICT (email) DO NOTHING RETURNING id
            """, ("$email", email), ("$hash", user.PasswordHash), ("$role", (int)user.Role), ("$all", user.AllWorkspaces ? 1 : 0), ("$at", now));
        insert.Transaction = transaction;
        if (insert.ExecuteScalar() is not long id)
        {
            return ValueTask.FromResult<User?>(null);
        }

        foreach (int workspaceId in user.WorkspaceIds.Distinct())
        {
            using var grant = Command(connection, "INSERT INTO user_workspaces (user_id, workspace_id) VALUES ($user, $ws)", ("$user", id), ("$ws", workspaceId));
            grant.Transaction = transaction;
            grant.ExecuteNonQuery();
        }

        transaction.Commit();
        return ValueTask.FromResult<User?>(new User(
            (int)id, email, user.Role, user.AllWorkspaces, user.WorkspaceIds.Distinct().Order().ToList(), UnixTime.FromMs(now), null));
    }

    public ValueTask<User?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Read(connection, $"SELECT {Columns} FROM users WHERE id = $id", ("$id", id)).FirstOrDefault());
    }

    public ValueTask<UserCredentials?> FindCredentialsAsync(string email, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Credentials("email = $key", ("$key", EmailAddresses.Normalize(email))));

    public ValueTask<UserCredentials?> GetCredentialsAsync(int id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Credentials("id = $key", ("$key", id)));

    private UserCredentials? Credentials(string where, (string Name, object Value) key)
    {
        using var connection = database.Open();
        int id;
        string hash;
        string? totp;
        long step;
        using (var command = Command(connection, $"SELECT id, password_hash, totp_secret, totp_last_step FROM users WHERE {where}", key))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (id, hash, totp, step) = (reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3));
        }

        var user = Read(connection, $"SELECT {Columns} FROM users WHERE id = $id", ("$id", id)).Single();
        return new UserCredentials(user, hash) { TotpSecret = totp, TotpLastStep = step };
    }

    public ValueTask<IReadOnlyList<User>> ListAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Read(connection, $"""
            SELECT {Columns} FROM users
            WHERE all_workspaces = 1 OR id IN (SELECT user_id FROM user_workspaces WHERE workspace_id = $ws)
            ORDER BY email
            """, ("$ws", workspaceId)));
    }

    public ValueTask<int> CountAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT count(*) FROM users");
        return ValueTask.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask<int> CountActiveOwnersAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "SELECT count(*) FROM users WHERE active = 1 AND all_workspaces = 1 AND role = $owner", ("$owner", (int)Role.Owner));
        return ValueTask.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask RecordSignInAsync(int id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "UPDATE users SET last_sign_in_at = $at WHERE id = $id", ("$at", UnixTime.ToMs(at)), ("$id", id));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    private static IReadOnlyList<User> Read(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var rows = new List<(int Id, string Email, Role Role, bool All, DateTimeOffset Created, DateTimeOffset? LastSignIn, bool Active, bool TwoFactor)>();
        using (var command = Command(connection, sql, parameters))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), (Role)reader.GetInt32(2), reader.GetInt32(3) == 1,
                    UnixTime.FromMs(reader.GetInt64(4)), reader.IsDBNull(5) ? null : UnixTime.FromMs(reader.GetInt64(5)), reader.GetInt32(6) == 1, reader.GetInt32(7) == 1));
            }
        }

        var workspaces = new Dictionary<int, List<int>>();
        if (rows.Count > 0)
        {
            using var command = Command(connection, $"SELECT user_id, workspace_id FROM user_workspaces WHERE user_id IN ({string.Join(',', rows.Select(r => r.Id))}) ORDER BY workspace_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                int user = reader.GetInt32(0);
                if (!workspaces.TryGetValue(user, out var list))
                {
                    workspaces[user] = list = [];
                }

                list.Add(reader.GetInt32(1));
            }
        }

        return rows.Select(r => new User(r.Id, r.Email, r.Role, r.All, workspaces.GetValueOrDefault(r.Id) ?? [], r.Created, r.LastSignIn)
        {
            Active = r.Active,
            TwoFactorEnabled = r.TwoFactor,
        }).ToList();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
