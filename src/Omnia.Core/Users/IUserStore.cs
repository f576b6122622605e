using Omnia.Core.Workspaces;

namespace Omnia.Core.Users;

/// <summary>Dashboard users, the workspaces they can see, their sign-in sessions and pending invitations.</summary>
public interface IUserStore
{
    /// <summary>Adds a user; null when a user with that (normalised) email exists already.</summary>
    ValueTask<User?> CreateAsync(NewUser user, CancellationToken cancellationToken = default);

    ValueTask<User?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The user and password hash for a normalised email (see <see cref="EmailAddresses.Normalize"/>).</summary>
    ValueTask<UserCredentials?> FindCredentialsAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>The user and password hash by id.</summary>
    ValueTask<UserCredentials?> GetCredentialsAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Users who can see the workspace, by email.</summary>
    ValueTask<IReadOnlyList<User>> ListAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Active owners who see every workspace: the people who can always administer the installation.</summary>
    ValueTask<int> CountActiveOwnersAsync(CancellationToken cancellationToken = default);

    ValueTask RecordSignInAsync(int id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Changes a user's role and ends their sessions; null when there is no such user.</summary>
    ValueTask<User?> SetRoleAsync(int id, Role role, CancellationToken cancellationToken = default);

    /// <summary>Deactivates (ending their sessions) or reactivates a user; null when there is no such user.</summary>
    ValueTask<User?> SetActiveAsync(int id, bool active, CancellationToken cancellationToken = default);

    /// <summary>Replaces the password hash and ends every session of the user except <paramref name="keepSessionHash"/>.</summary>
    ValueTask SetPasswordAsync(int id, string passwordHash, string? keepSessionHash = null, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in on with a (protected) TOTP secret, or off with null.</summary>
    ValueTask SetTotpSecretAsync(int id, string? protectedSecret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that a TOTP code of <paramref name="step"/> was accepted; false when a code of that step or a later
    /// one was accepted before (a replayed code).
    /// </summary>
    ValueTask<bool> UseTotpStepAsync(int id, long step, CancellationToken cancellationToken = default);

    /// <summary>Starts a session (its token hash is the key).</summary>
    ValueTask CreateSessionAsync(UserSession session, CancellationToken cancellationToken = default);

    /// <summary>The session with that token hash, or null when it never existed or has ended.</summary>
    ValueTask<UserSession?> FindSessionAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Moves a session's expiry (sliding) and records when it was last seen.</summary>
    ValueTask TouchSessionAsync(string tokenHash, DateTimeOffset seenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Ends one session (sign-out).</summary>
    ValueTask EndSessionAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a user except <paramref name="keepTokenHash"/>; returns how many ended.</summary>
    ValueTask<int> EndSessionsAsync(int userId, string? keepTokenHash = null, CancellationToken cancellationToken = default);

    /// <summary>The user's sessions that have not ended, newest first.</summary>
    ValueTask<IReadOnlyList<UserSession>> ListSessionsAsync(int userId, CancellationToken cancellationToken = default);

    ValueTask CreateInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default);

    /// <summary>A pending (not accepted) invitation by token hash, also an expired one (check <see cref="Invitation.ExpiresAt"/>).</summary>
    ValueTask<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Invitations not yet accepted that give access to the workspace (or to all workspaces).</summary>
    ValueTask<IReadOnlyList<Invitation>> ListInvitationsAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts an invitation: creates its user with <paramref name="passwordHash"/> and marks it used, in one
    /// transaction. Null when it was accepted before or a user with its email exists already.
    /// </summary>
    ValueTask<User?> AcceptInvitationAsync(string tokenHash, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a pending invitation; false when there is none.</summary>
    ValueTask<bool> DeleteInvitationAsync(int id, CancellationToken cancellationToken = default);
}
