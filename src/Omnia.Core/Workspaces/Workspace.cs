namespace Omnia.Core.Workspaces;

/// <summary>A tenant. Every row belongs to exactly one workspace; nothing crosses workspaces.</summary>
public sealed record Workspace(int Id, string Slug, string Name, DateTimeOffset CreatedAt);

/// <summary>Where data comes from (website, ios-app, pos, support-desk, …); each has its own write key.</summary>
public sealed record Source(int Id, int WorkspaceId, string Name, string Kind, string WriteKeyPrefix, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The web origins (<c>https://shop.example.com</c>) whose pages may send events with this source's write key
    /// from a browser; empty means any origin. Requests without an <c>Origin</c> header (servers) are never limited.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>False once an owner disabled the source: its write keys are refused until it is enabled again.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The prefix of the write key replaced by the last rotation, while it still works (see <see cref="PreviousKeyExpiresAt"/>).</summary>
    public string? PreviousKeyPrefix { get; init; }

    /// <summary>Until when the write key replaced by the last rotation is still accepted; null when there is none.</summary>
    public DateTimeOffset? PreviousKeyExpiresAt { get; init; }

    public bool Equals(Source? other) =>
        other is not null && Id == other.Id && WorkspaceId == other.WorkspaceId && Name == other.Name && Kind == other.Kind
        && WriteKeyPrefix == other.WriteKeyPrefix && CreatedAt == other.CreatedAt && AllowedOrigins.SequenceEqual(other.AllowedOrigins)
        && Enabled == other.Enabled && PreviousKeyPrefix == other.PreviousKeyPrefix && PreviousKeyExpiresAt == other.PreviousKeyExpiresAt;

    public override int GetHashCode() => HashCode.Combine(Id, WorkspaceId, Name, Kind, WriteKeyPrefix, CreatedAt, AllowedOrigins.Count);
}

/// <summary>An admin API key. <see cref="WorkspaceId"/> null means it administers every workspace.</summary>
public sealed record ApiKey(int Id, int? WorkspaceId, string Name, Role Role, string Prefix, DateTimeOffset CreatedAt)
{
    /// <summary>When the key stops working by itself; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When an owner revoked the key; a revoked key never works again.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When the key was last used (recorded at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether the key is accepted at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
