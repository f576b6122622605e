using Omnia.Core.Workspaces;

namespace Omnia.Core.Users;

/// <summary>
/// An owner's invitation to join with a role: a link with a random token (only its hash is stored) that lets the
/// invited person choose their password once, before <see cref="ExpiresAt"/>.
/// </summary>
public sealed record Invitation(
    int Id,
    string TokenHash,
    string Email,
    Role Role,
    bool AllWorkspaces,
    IReadOnlyList<int> WorkspaceIds,
    string InvitedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
