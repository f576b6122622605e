namespace Omnia.Core.Audiences;

/// <summary>Saved segment definitions (configuration, kept with the workspace data, not derived from the log).</summary>
public interface ISegmentStore
{
    ValueTask<IReadOnlyList<StoredSegment>> ListSegmentsAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<StoredSegment?> FindSegmentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default);

    /// <summary>Creates the segment, or replaces its definition and increments its version when the definition differs.</summary>
    ValueTask<StoredSegment> PutSegmentAsync(int workspaceId, string slug, string definitionJson, CancellationToken cancellationToken = default);

    /// <summary>Deletes the segment; false when there was none with that slug.</summary>
    ValueTask<bool> DeleteSegmentAsync(int workspaceId, string slug, CancellationToken cancellationToken = default);
}
