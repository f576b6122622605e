using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;

namespace Omnia.Server.Admin;

/// <summary>
/// Creates and changes sources for the API and the dashboard alike: one set of rules for names and kinds, write
/// keys stored only as hashes, and the write-key cache refreshed after every change, so a new key works and a
/// disabled, deleted or rotated-out key is refused on its next request.
/// </summary>
public sealed class SourceRegistry(IWorkspaceStore store, WriteKeys keys, TimeProvider clock)
{
    /// <summary>The longest overlap a rotation may give the old key.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);

    public const int MaxNameLength = 100;

    /// <summary>What is wrong with a source name, or null when it is fine.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength
            ? $"'name' is required (at most {MaxNameLength} characters), e.g. \"Website\" or \"POS\"."
            : null;

    /// <summary>Creates the source; the returned write key is the only copy (only its hash is stored).</summary>
    public async Task<CreatedSource> CreateAsync(int workspaceId, string name, string? kind, CancellationToken cancellationToken)
    {
        string writeKey = SecretKeys.NewWriteKey();
        string normalizedKind = string.IsNullOrWhiteSpace(kind) ? "server" : kind.Trim().ToLowerInvariant();
        var source = await store.CreateSourceAsync(workspaceId, name.Trim(), normalizedKind, SecretKeys.Hash(writeKey), SecretKeys.Prefix(writeKey), cancellationToken);
        keys.Invalidate();
        return new CreatedSource(source, writeKey);
    }

    /// <summary>
    /// Gives the source a new write key (returned this once); the old one keeps working for <paramref name="overlap"/>
    /// so senders can be switched over without losing events. Null when there is no such source.
    /// </summary>
    public async Task<CreatedSource?> RotateAsync(int workspaceId, int sourceId, TimeSpan overlap, CancellationToken cancellationToken)
    {
        string writeKey = SecretKeys.NewWriteKey();
        var source = await store.RotateWriteKeyAsync(workspaceId, sourceId, SecretKeys.Hash(writeKey), SecretKeys.Prefix(writeKey), clock.GetUtcNow() + overlap, cancellationToken);
        keys.Invalidate();
        return source is null ? null : new CreatedSource(source, writeKey);
    }

    public async Task<Source?> SetEnabledAsync(int workspaceId, int sourceId, bool enabled, CancellationToken cancellationToken)
    {
        var source = await store.SetSourceEnabledAsync(workspaceId, sourceId, enabled, cancellationToken);
        keys.Invalidate();
        return source;
    }

    public async Task<bool> DeleteAsync(int workspaceId, int sourceId, CancellationToken cancellationToken)
    {
        bool deleted = await store.DeleteSourceAsync(workspaceId, sourceId, cancellationToken);
        keys.Invalidate();
        return deleted;
    }

    /// <summary>Replaces the source's allowed origins (already normalised by <see cref="WebOrigins.Parse"/>); null when there is no such source.</summary>
    public async Task<Source?> SetAllowedOriginsAsync(int workspaceId, int sourceId, IReadOnlyList<string> origins, CancellationToken cancellationToken)
    {
        var source = await store.SetAllowedOriginsAsync(workspaceId, sourceId, origins, cancellationToken);
        keys.Invalidate();
        return source;
    }
}
