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
    /// <summary>False once an owner deactivated the user: no sign-in, and every session ended.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Whether sign-in also asks for a code from an authenticator app (TOTP).</summary>
    public bool TwoFactorEnabled { get; init; }

    public bool CanSee(Workspace workspace) => AllWorkspaces || WorkspaceIds.Contains(workspace.Id);
}

/// <summary>
/// A user with the stored password hash and, when two-factor sign-in is on, the TOTP secret as stored (protected
/// by the server) and the last time step a code was accepted for (a code works once).
/// </summary>
public sealed record UserCredentials(User User, string PasswordHash)
{
    public string? TotpSecret { get; init; }

    public long TotpLastStep { get; init; }
}

/// <summary>What is needed to add a user; the password is hashed already (<see cref="PasswordHasher"/>).</summary>
public sealed record NewUser(string Email, string PasswordHash, Role Role, bool AllWorkspaces, IReadOnlyList<int> WorkspaceIds);
