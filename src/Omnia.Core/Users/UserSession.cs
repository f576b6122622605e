namespace Omnia.Core.Users;

/// <summary>
/// A dashboard sign-in kept on the server: the cookie carries a random token and only its hash is stored, so
/// ending the session here (sign-out, password or role change, deactivation) ends it everywhere, also across restarts.
/// </summary>
public sealed record UserSession(string TokenHash, int UserId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? Client);
