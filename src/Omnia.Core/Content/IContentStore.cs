namespace Omnia.Core.Content;

/// <summary>A saved content item: its JSON (a variant per channel) and a version that grows with each change.</summary>
/// <param name="Slug">The name journeys send it by (<c>{"type":"send","content":"cart-reminder"}</c>).</param>
public sealed record StoredContent(int WorkspaceId, string Slug, string Json, int Version, DateTimeOffset UpdatedAt);

/// <summary>
/// Content items (configuration, not derived from the log). A send renders the version current when it is
/// dispatched. Implemented by the embedded store and, later, PostgreSQL.
/// </summary>
public interface IContentStore
{
    ValueTask<IReadOnlyList<StoredContent>> ListContentAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<StoredContent?> FindContentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default);

    /// <summary>Creates the item, or replaces it and increments its version when the JSON differs.</summary>
    ValueTask<StoredContent> PutContentAsync(int workspaceId, string slug, string json, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item; false when there was none.</summary>
    ValueTask<bool> DeleteContentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default);
}
