using Omnia.Core.Workspaces;

namespace Omnia.Core.Users;

/// <summary>
/// A person who signs in to the dashboard. <see cref="Role"/> applies in every workspace the user can see:
/// all of them when <see cref="AllWorkspaces"/> (also those created later), otherwise <see cref="WorkspaceIds"/>.
/// </summary>
public sealed record User(
    int Id,
    string Email,
    Role Role,
    bool AllWorkspaces,
    IReadOnlyList<int> WorkspaceIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt)
{
    public bool CanSee(Workspace workspace) => AllWorkspaces || WorkspaceIds.Contains(workspace.Id);
}

/// <summary>A user with the stored password hash, for sign-in only.</summary>
public sealed record UserCredentials(User User, string PasswordHash);

/// <summary>What is needed to add a user; the password is hashed already (<see cref="PasswordHasher"/>).</summary>
public sealed record NewUser(string Email, string PasswordHash, Role Role, bool AllWorkspaces, IReadOnlyList<int> WorkspaceIds);
