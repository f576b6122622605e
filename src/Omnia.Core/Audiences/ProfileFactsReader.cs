using Omnia.Core.Events;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>Loads what audiences are decided over (profile state and, when needed, its events) for a set of profiles.</summary>
public static class ProfileFactsReader
{
    /// <summary>
    /// The facts of each profile that exists (merged-away ids are absent), with its events named in
    /// <paramref name="eventNames"/> only: an empty set means no events are needed, null means all of them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, ProfileFacts>> LoadAsync(
        IProfileStore profiles, IReadOnlyCollection<long> ids, IReadOnlyCollection<string>? eventNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var states = await profiles.GetManyAsync(ids, cancellationToken).ConfigureAwait(false);
        var events = eventNames is { Count: 0 }
            ? new Dictionary<long, IReadOnlyList<LogEvent>>()
            : await profiles.EventsAsync(states.Select(s => s.Id).ToList(), eventNames, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<long, ProfileFacts>(states.Count);
        foreach (var state in states)
        {
            IReadOnlyList<ProfileEvent> list = events.TryGetValue(state.Id, out var logged) ? logged.Select(ProfileEvent.FromLogEvent).ToList() : [];
            result[state.Id] = new ProfileFacts(state, list);
        }

        return result;
    }
}
