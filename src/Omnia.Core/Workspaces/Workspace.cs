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

    public bool Equals(Source? other) =>
        other is not null && Id == other.Id && WorkspaceId == other.WorkspaceId && Name == other.Name && Kind == other.Kind
        && WriteKeyPrefix == other.WriteKeyPrefix && CreatedAt == other.CreatedAt && AllowedOrigins.SequenceEqual(other.AllowedOrigins);

    public override int GetHashCode() => HashCode.Combine(Id, WorkspaceId, Name, Kind, WriteKeyPrefix, CreatedAt, AllowedOrigins.Count);
}

/// <summary>An admin API key. <see cref="WorkspaceId"/> null means it administers every workspace.</summary>
public sealed record ApiKey(int Id, int? WorkspaceId, string Name, Role Role, string Prefix, DateTimeOffset CreatedAt);
