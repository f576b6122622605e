namespace Omnia.Core.Workspaces;

/// <summary>Workspaces, sources, keys and per-workspace settings documents.</summary>
public interface IWorkspaceStore
{
    ValueTask<Workspace> CreateWorkspaceAsync(string slug, string name, CancellationToken cancellationToken = default);

    ValueTask<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken = default);

    ValueTask<Source> CreateSourceAsync(int workspaceId, string name, string kind, string writeKeyHash, string writeKeyPrefix, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Source>> ListSourcesAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the allowed origins of a source (see <see cref="Source.AllowedOrigins"/>); null when the workspace has no such source.</summary>
    ValueTask<Source?> SetAllowedOriginsAsync(int workspaceId, int sourceId, IReadOnlyList<string> origins, CancellationToken cancellationToken = default);

    /// <summary>The source whose write key hashes to <paramref name="writeKeyHash"/>.</summary>
    ValueTask<Source?> FindSourceByKeyHashAsync(string writeKeyHash, CancellationToken cancellationToken = default);

    ValueTask<ApiKey> CreateApiKeyAsync(int? workspaceId, string name, Role role, string keyHash, string prefix, CancellationToken cancellationToken = default);

    ValueTask<ApiKey?> FindApiKeyByHashAsync(string keyHash, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<ApiKey>> ListApiKeysAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>A settings document (JSON) of a workspace, e.g. <c>channel-rules</c>; null when never set.</summary>
    ValueTask<string?> GetSettingAsync(int workspaceId, string name, CancellationToken cancellationToken = default);

    ValueTask PutSettingAsync(int workspaceId, string name, string json, CancellationToken cancellationToken = default);
}
