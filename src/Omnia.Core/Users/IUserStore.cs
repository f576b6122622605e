namespace Omnia.Core.Users;

/// <summary>Dashboard users and the workspaces they can see.</summary>
public interface IUserStore
{
    /// <summary>Adds a user; null when a user with that (normalised) email exists already.</summary>
    ValueTask<User?> CreateAsync(NewUser user, CancellationToken cancellationToken = default);

    ValueTask<User?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The user and password hash for a normalised email (see <see cref="EmailAddresses.Normalize"/>).</summary>
    ValueTask<UserCredentials?> FindCredentialsAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Users who can see the workspace, by email.</summary>
    ValueTask<IReadOnlyList<User>> ListAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<int> CountAsync(CancellationToken cancellationToken = default);

    ValueTask RecordSignInAsync(int id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
