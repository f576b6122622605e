using Omnia.Core.Analytics;
using Omnia.Core.Events;
using Omnia.Core.Identity;

namespace Omnia.Core.Profiles;

/// <summary>Persisted profiles, identity graph, event links and merges: everything derived from the log about people.</summary>
public interface IProfileStore
{
    /// <summary>Writes one batch of derived changes and its checkpoint in a single transaction.</summary>
    ValueTask SaveAsync(ProjectionBatch batch, CancellationToken cancellationToken = default);

    ValueTask<ProjectionCheckpoint> LoadCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams every persisted identifier, to rebuild the in-memory identity graph at start-up.</summary>
    IAsyncEnumerable<ProfileIdentifier> LoadIdentifiersAsync(CancellationToken cancellationToken = default);

    /// <summary>The profile by id; a merged-away id resolves to the profile it was merged into.</summary>
    ValueTask<ProfileState?> GetAsync(int workspaceId, long profileId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<ProfileState>> GetManyAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    ValueTask<long?> FindAsync(int workspaceId, Identifier identifier, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Identifier>> IdentifiersAsync(long profileId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<MergeRecord>> MergesIntoAsync(long profileId, CancellationToken cancellationToken = default);

    /// <summary>The profile's events, newest first (by event timestamp), before log position <paramref name="beforeSeq"/> when given.</summary>
    ValueTask<IReadOnlyList<LogEvent>> TimelineAsync(long profileId, int limit, long? beforeSeq = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events of each of these profiles, oldest first (by event timestamp, then log position); with
    /// <paramref name="names"/>, only events with one of those names (track event, page or screen name).
    /// A profile with no such events is absent.
    /// </summary>
    ValueTask<IReadOnlyDictionary<long, IReadOnlyList<LogEvent>>> EventsAsync(
        IReadOnlyCollection<long> profileIds, IReadOnlyCollection<string>? names = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The event links of each profile after a log position (all names), in log order: what a reader holding a
    /// profile's events up to that position needs to catch up.
    /// </summary>
    ValueTask<IReadOnlyList<EventLink>> LinksAfterAsync(IReadOnlyCollection<(long ProfileId, long AfterSeq)> from, CancellationToken cancellationToken = default);

    /// <summary>The logged events at these positions, in the order given (positions not in the log are skipped).</summary>
    ValueTask<IReadOnlyList<LogEvent>> ReadEventsAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken = default);

    /// <summary>Profiles whose identifier starts with <paramref name="query"/> or whose trait (any, or <paramref name="trait"/>) contains it.</summary>
    ValueTask<IReadOnlyList<ProfileState>> SearchAsync(int workspaceId, string query, string? trait, int limit, CancellationToken cancellationToken = default);

    ValueTask<long> CountAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Profiles that have a user id, email or phone: people the brand can name.</summary>
    ValueTask<long> IdentifiedCountAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Events per channel per day (UTC, by event time) in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    ValueTask<IReadOnlyList<ChannelDay>> ChannelDaysAsync(int workspaceId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Deletes all derived state, so the processor rebuilds it from the start of the log.</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);
}
