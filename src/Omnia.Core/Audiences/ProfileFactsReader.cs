using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>Loads what audiences are decided over (profile state and, when needed, its events) for a set of profiles.</summary>
public static class ProfileFactsReader
{
    /// <summary>
    /// The facts of each profile that exists (merged-away ids are absent). Events are loaded only when
    /// <paramref name="withEvents"/>: definitions that look only at traits and computed basics do without.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, ProfileFacts>> LoadAsync(
        IProfileStore profiles, IReadOnlyCollection<long> ids, bool withEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var result = new Dictionary<long, ProfileFacts>(ids.Count);
        foreach (var state in await profiles.GetManyAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ProfileEvent> events = withEvents
                ? (await profiles.EventsAsync(state.Id, cancellationToken).ConfigureAwait(false)).Select(ProfileEvent.FromLogEvent).ToList()
                : [];
            result[state.Id] = new ProfileFacts(state, events);
        }

        return result;
    }
}
