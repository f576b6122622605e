namespace Omnia.Core.Journeys;

/// <summary>Where a journey stands.</summary>
public enum JourneyStatus : byte
{
    /// <summary>Never published: nobody enters.</summary>
    Draft = 0,

    /// <summary>Its live version takes entries.</summary>
    Live = 1,

    /// <summary>Takes no new entries; running instances finish.</summary>
    Paused = 2,

    /// <summary>Gone from the list; running instances finish.</summary>
    Archived = 3,
}

/// <summary>A saved journey: its draft (what the builder edits) and which published version is live.</summary>
/// <param name="Slug">The journey's stable name in URLs (<c>abandoned-cart</c>).</param>
/// <param name="DraftJson">The definition being edited (saved even when invalid, so a builder never loses work).</param>
/// <param name="LiveVersion">The version new entries start on; 0 before the first publish.</param>
public sealed record StoredJourney(
    long Id, int WorkspaceId, string Slug, string Name, JourneyStatus Status, string DraftJson, int LiveVersion, DateTimeOffset UpdatedAt);

/// <summary>One published, immutable version of a journey.</summary>
public sealed record JourneyVersion(long JourneyId, int Version, string DefinitionJson, DateTimeOffset PublishedAt, string? PublishedBy);

/// <summary>
/// Journey definitions (configuration, not derived from the log): a draft per journey and its published versions.
/// Publishing copies the draft into a new version; running instances finish on the version they started on, so
/// versions are never changed or deleted. Implemented by the embedded store and, later, PostgreSQL.
/// </summary>
public interface IJourneyStore
{
    ValueTask<IReadOnlyList<StoredJourney>> ListJourneysAsync(int workspaceId, CancellationToken cancellationToken = default);

    ValueTask<StoredJourney?> FindJourneyAsync(int workspaceId, string slug, CancellationToken cancellationToken = default);

    /// <summary>Creates the journey as a draft, or replaces its name and draft.</summary>
    ValueTask<StoredJourney> PutDraftAsync(int workspaceId, string slug, string name, string draftJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes the draft (validated by the caller) as the next version and makes the journey live on it; when the
    /// draft equals the live version nothing new is written. Returns the version now live.
    /// </summary>
    ValueTask<JourneyVersion> PublishAsync(int workspaceId, string slug, string? publishedBy, CancellationToken cancellationToken = default);

    /// <summary>Sets the status (pause, resume to live, archive); false when there is no such journey.</summary>
    ValueTask<bool> SetStatusAsync(int workspaceId, string slug, JourneyStatus status, CancellationToken cancellationToken = default);

    /// <summary>Every published version of a journey, oldest first.</summary>
    ValueTask<IReadOnlyList<JourneyVersion>> ListVersionsAsync(long journeyId, CancellationToken cancellationToken = default);

    /// <summary>Every published version of every journey of the workspace (what the engine compiles at start).</summary>
    ValueTask<IReadOnlyList<JourneyVersion>> AllVersionsAsync(int workspaceId, CancellationToken cancellationToken = default);
}
