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

    /// <summary>
    /// The enabled, not deleted source whose current write key hashes to <paramref name="writeKeyHash"/>, or whose key
    /// replaced by the last rotation does and is still inside its overlap period.
    /// </summary>
    ValueTask<Source?> FindSourceByKeyHashAsync(string writeKeyHash, CancellationToken cancellationToken = default);

    /// <summary>One source of the workspace (also a disabled one); null when there is none or it was deleted.</summary>
    ValueTask<Source?> GetSourceAsync(int workspaceId, int sourceId, CancellationToken cancellationToken = default);

    /// <summary>Enables or disables a source; null when the workspace has no such source.</summary>
    ValueTask<Source?> SetSourceEnabledAsync(int workspaceId, int sourceId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the source a new write key. The old key keeps working until <paramref name="previousValidUntil"/> (the
    /// overlap), then stops; a key replaced by an earlier rotation stops at once. Null when there is no such source.
    /// </summary>
    ValueTask<Source?> RotateWriteKeyAsync(int workspaceId, int sourceId, string writeKeyHash, string writeKeyPrefix, DateTimeOffset previousValidUntil, CancellationToken cancellationToken = default);

    /// <summary>Deletes a source: its write keys stop working and it leaves the lists; its events stay in the log. False when there is none.</summary>
    ValueTask<bool> DeleteSourceAsync(int workspaceId, int sourceId, CancellationToken cancellationToken = default);

    ValueTask<ApiKey> CreateApiKeyAsync(int? workspaceId, string name, Role role, string keyHash, string prefix, CancellationToken cancellationToken = default) =>
        CreateApiKeyAsync(workspaceId, name, role, keyHash, prefix, null, cancellationToken);

    /// <summary>Adds an admin key that stops working at <paramref name="expiresAt"/> (null: never).</summary>
    ValueTask<ApiKey> CreateApiKeyAsync(int? workspaceId, string name, Role role, string keyHash, string prefix, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The key whose secret hashes to <paramref name="keyHash"/>, also when revoked or expired (check <see cref="ApiKey.IsActive"/>).</summary>
    ValueTask<ApiKey?> FindApiKeyByHashAsync(string keyHash, CancellationToken cancellationToken = default);

    /// <summary>One admin key by id, as <see cref="ListApiKeysAsync"/> lists it (the workspace's keys and the keys of every workspace).</summary>
    ValueTask<ApiKey?> GetApiKeyAsync(int workspaceId, int keyId, CancellationToken cancellationToken = default);

    /// <summary>The workspace's admin keys and those of every workspace, revoked ones included.</summary>
    ValueTask<IReadOnlyList<ApiKey>> ListApiKeysAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key (idempotent); returns the key as it is now, or null when there is no such key.</summary>
    ValueTask<ApiKey?> RevokeApiKeyAsync(int keyId, CancellationToken cancellationToken = default);

    /// <summary>Records that a key was used at <paramref name="at"/>.</summary>
    ValueTask RecordApiKeyUseAsync(int keyId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>A settings document (JSON) of a workspace, e.g. <c>channel-rules</c>; null when never set.</summary>
    ValueTask<string?> GetSettingAsync(int workspaceId, string name, CancellationToken cancellationToken = default);

    ValueTask PutSettingAsync(int workspaceId, string name, string json, CancellationToken cancellationToken = default);
}
