using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;

namespace Omnia.Server.Admin;

/// <summary>
/// Creates sources for the API and the dashboard alike: one set of rules for names and kinds, a new
/// write key that is stored only as a hash, and the write-key cache refreshed so the key works at once.
/// </summary>
public sealed class SourceRegistry(IWorkspaceStore store, WriteKeys keys)
{
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

    /// <summary>Replaces the source's allowed origins (already normalised by <see cref="WebOrigins.Parse"/>); null when there is no such source.</summary>
    public async Task<Source?> SetAllowedOriginsAsync(int workspaceId, int sourceId, IReadOnlyList<string> origins, CancellationToken cancellationToken)
    {
        var source = await store.SetAllowedOriginsAsync(workspaceId, sourceId, origins, cancellationToken);
        keys.Invalidate();
        return source;
    }
}
