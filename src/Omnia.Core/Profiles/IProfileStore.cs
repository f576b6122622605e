using Omnia.Core.Analytics;
using Omnia.Core.Events;
using Omnia.Core.Identity;
using Omnia.Core.Segments;

namespace Omnia.Core.Profiles;

/// <summary>
/// Reads the single customer view: profiles, their identifiers, merges and events. Derived from the log and held
/// in memory (<see cref="Processing.DerivedState"/>); a node that does not own a profile's partition will read it
/// from its owner through a second implementation. Every result is a copy the caller may keep.
/// </summary>
public interface IProfileStore
{
    /// <summary>The profile by id; a merged-away id resolves to the profile it was merged into.</summary>
    ValueTask<ProfileState?> GetAsync(int workspaceId, long profileId, CancellationToken cancellationToken = default);

    /// <summary>The live profiles among these ids (merged-away ids are absent), in no particular order.</summary>
    ValueTask<IReadOnlyList<ProfileState>> GetManyAsync(IReadOnlyCollection<long> profileIds, CancellationToken cancellationToken = default);

    ValueTask<long?> FindAsync(int workspaceId, Identifier identifier, CancellationToken cancellationToken = default);

    /// <summary>The profile's identifiers, by type then value.</summary>
    ValueTask<IReadOnlyList<Identifier>> IdentifiersAsync(long profileId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<MergeRecord>> MergesIntoAsync(long profileId, CancellationToken cancellationToken = default);

    /// <summary>The profile's events, newest first (by event timestamp), before log position <paramref name="beforeSeq"/> when given.</summary>
    ValueTask<IReadOnlyList<LogEvent>> TimelineAsync(long profileId, int limit, long? beforeSeq = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What audiences are decided over for each live profile among these ids: its state and its events in timestamp
    /// order, with the properties that the workspace's definitions read — and, when <paramref name="properties"/>
    /// names others (a draft definition), those too, read from the log.
    /// </summary>
    ValueTask<IReadOnlyDictionary<long, ProfileFacts>> FactsAsync(
        IReadOnlyCollection<long> profileIds, IReadOnlyCollection<string>? properties = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Profiles with an identifier that starts with <paramref name="query"/> (case-insensitive) or a trait value that
    /// contains it (any trait, or only <paramref name="trait"/>), most recently seen first.
    /// </summary>
    ValueTask<IReadOnlyList<ProfileState>> SearchAsync(int workspaceId, string query, string? trait, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of every profile of the workspace that <paramref name="query"/> accepts, in its order (ties by id): a
    /// list's true count, its pages, and an export of millions read in chunks.
    /// </summary>
    ValueTask<IReadOnlyList<long>> QueryAsync(int workspaceId, ProfileQuery query, CancellationToken cancellationToken = default);

    ValueTask<long> CountAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Profiles that have a user id, email or phone: people the brand can name.</summary>
    ValueTask<long> IdentifiedCountAsync(int workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Events per channel per day (UTC, by event time) in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    ValueTask<IReadOnlyList<ChannelDay>> ChannelDaysAsync(int workspaceId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
