using System.Globalization;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;

namespace Omnia.Storage.Sqlite;

/// <summary>Invitations: a pending row per invitation until it is accepted (then it names the user's creation time) or withdrawn.</summary>
public sealed partial class SqliteUserStore
{
    public ValueTask CreateInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        using var connection = database.Open();
        using var command = Command(connection, """
            INSERT INTO invitations (token_hash, email, role, all_workspaces, workspace_ids, invited_by, created_at, expires_at)
            VALUES ($hash, $email, $role, $all, $ws, $by, $created, $expires)
            """, ("$hash", invitation.TokenHash), ("$email", EmailAddresses.Normalize(invitation.Email)), ("$role", (int)invitation.Role),
            ("$all", invitation.AllWorkspaces ? 1 : 0), ("$ws", string.Join(',', invitation.WorkspaceIds.Distinct())), ("$by", invitation.InvitedBy),
            ("$created", UnixTime.ToMs(invitation.CreatedAt)), ("$expires", UnixTime.ToMs(invitation.ExpiresAt)));
        command.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public ValueTask<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return ValueTask.FromResult(Invitations(connection, "token_hash = $key AND accepted_at IS NULL", ("$key", tokenHash)).FirstOrDefault());
    }

    public ValueTask<IReadOnlyList<Invitation>> ListInvitationsAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var pending = Invitations(connection, "accepted_at IS NULL ORDER BY id", ("$unused", 0));
        return ValueTask.FromResult<IReadOnlyList<Invitation>>(pending.Where(i => i.AllWorkspaces || i.WorkspaceIds.Contains(workspaceId)).ToList());
    }

    public async ValueTask<User?> AcceptInvitationAsync(string tokenHash, string passwordHash, CancellationToken cancellationToken = default)
    {
        Invitation? invitation;
        using (var connection = database.Open())
        {
            invitation = Invitations(connection, "token_hash = $key AND accepted_at IS NULL", ("$key", tokenHash)).FirstOrDefault();
        }

        // The email is unique, so of two people accepting at once only one creates the user.
        var user = invitation is null ? null
            : await CreateAsync(new NewUser(invitation.Email, passwordHash, invitation.Role, invitation.AllWorkspaces, invitation.WorkspaceIds), cancellationToken);
        if (user is not null)
        {
            using var connection = database.Open();
            using var accept = Command(connection, "UPDATE invitations SET accepted_at = $at WHERE id = $id", ("$at", UnixTime.ToMs(clock.GetUtcNow())), ("$id", invitation!.Id));
            accept.ExecuteNonQuery();
        }

        return user;
    }

    public ValueTask<bool> DeleteInvitationAsync(int id, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var command = Command(connection, "DELETE FROM invitations WHERE id = $id AND accepted_at IS NULL", ("$id", id));
        return ValueTask.FromResult(command.ExecuteNonQuery() == 1);
    }

    private static List<Invitation> Invitations(Microsoft.Data.Sqlite.SqliteConnection connection, string where, (string Name, object Value) key)
    {
        using var command = Command(connection, $"SELECT id, token_hash, email, role, all_workspaces, workspace_ids, invited_by, created_at, expires_at FROM invitations WHERE {where}", key);
        using var reader = command.ExecuteReader();
        var list = new List<Invitation>();
        while (reader.Read())
        {
            var workspaces = reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();
            list.Add(new Invitation(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), (Role)reader.GetInt32(3), reader.GetInt32(4) == 1, workspaces,
                reader.GetString(6), UnixTime.FromMs(reader.GetInt64(7)), UnixTime.FromMs(reader.GetInt64(8))));
        }

        return list;
    }
}
