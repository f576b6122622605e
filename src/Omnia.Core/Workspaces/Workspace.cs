namespace Omnia.Core.Workspaces;

/// <summary>A tenant. Every row belongs to exactly one workspace; nothing crosses workspaces.</summary>
public sealed record Workspace(int Id, string Slug, string Name, DateTimeOffset CreatedAt);

/// <summary>Where data comes from (website, ios-app, pos, support-desk, …); each has its own write key.</summary>
public sealed record Source(int Id, int WorkspaceId, string Name, string Kind, string WriteKeyPrefix, DateTimeOffset CreatedAt);

/// <summary>An admin API key. <see cref="WorkspaceId"/> null means it administers every workspace.</summary>
public sealed record ApiKey(int Id, int? WorkspaceId, string Name, Role Role, string Prefix, DateTimeOffset CreatedAt);
