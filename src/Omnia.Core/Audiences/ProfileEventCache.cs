using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// The audience processor's memory of each profile's events (only those with the names its definitions look
/// at, already parsed), so that re-evaluating a profile reads only the events logged since, instead of all of
/// them. It holds at most <c>capacity</c> profiles (then starts over), which bounds its memory to a few hundred MB
/// on event-heavy profiles. An entry is trusted only while its link count plus the new links equals the profile's event count: a
/// merge (which brings older events) or any other surprise reloads the profile. Not thread-safe: the processor
/// uses it from one run at a time.
/// </summary>
public sealed class ProfileEventCache(IProfileStore profiles, int capacity = 50_000)
{
    private readonly Dictionary<long, Entry> _entries = [];
    private string _names = "";

    /// <summary>Profiles currently held.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The facts of each profile that exists, with its events named in <paramref name="names"/> (none when
    /// empty). The event lists are live views of the cache: use them before the next call.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ProfileFacts>> LoadAsync(IReadOnlyList<long> ids, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        string key = string.Join('\n', names);
        if (key != _names || _entries.Count > capacity)
        {
            _entries.Clear();
            _names = key;
        }

        var states = await profiles.GetManyAsync(ids, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<long, ProfileFacts>(states.Count);
        if (names.Count == 0)
        {
            foreach (var state in states)
            {
                result[state.Id] = new ProfileFacts(state, []);
            }

            return result;
        }

        var from = states.Select(s => (s.Id, _entries.TryGetValue(s.Id, out var e) ? e.MaxSeq : 0L)).ToList();
        var links = await profiles.LinksAfterAsync(from, cancellationToken).ConfigureAwait(false);
        var byProfile = links.GroupBy(l => l.ProfileId).ToDictionary(g => g.Key, g => g.ToList());
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var toRead = new List<long>();
        foreach (var state in states)
        {
            var added = byProfile.GetValueOrDefault(state.Id) ?? [];
            if (_entries.TryGetValue(state.Id, out var entry) && entry.Links + added.Count != state.EventCount)
            {
                // Older events arrived (a merge): read the whole profile again.
                _entries.Remove(state.Id);
                added = (await profiles.LinksAfterAsync([(state.Id, 0L)], cancellationToken).ConfigureAwait(false)).ToList();
                byProfile[state.Id] = added;
            }

            toRead.AddRange(added.Where(l => l.Name is null || wanted.Contains(l.Name)).Select(l => l.Seq));
        }

        var read = toRead.Count == 0
            ? new Dictionary<long, ProfileEvent>()
            : (await profiles.ReadEventsAsync(toRead, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Seq, ProfileEvent.FromLogEvent);
        foreach (var state in states)
        {
            if (!_entries.TryGetValue(state.Id, out var entry))
            {
                entry = new Entry();
                _entries[state.Id] = entry;
            }

            foreach (var link in byProfile.GetValueOrDefault(state.Id) ?? [])
            {
                entry.Links++;
                entry.MaxSeq = Math.Max(entry.MaxSeq, link.Seq);
                if (read.TryGetValue(link.Seq, out var e))
                {
                    entry.Insert(link.Seq, e);
                }
            }

            result[state.Id] = new ProfileFacts(state, entry.Events);
        }

        return result;
    }

    /// <summary>Forgets everything (after derived state was reset).</summary>
    public void Clear() => _entries.Clear();

    private sealed class Entry
    {
        private readonly List<long> _seqs = [];

        public long MaxSeq { get; set; }

        public long Links { get; set; }

        public List<ProfileEvent> Events { get; } = [];

        /// <summary>Keeps events in timestamp order, equal timestamps in log order.</summary>
        public void Insert(long seq, ProfileEvent e)
        {
            int at = Events.Count;
            while (at > 0 && (Events[at - 1].Timestamp > e.Timestamp || (Events[at - 1].Timestamp == e.Timestamp && _seqs[at - 1] > seq)))
            {
                at--;
            }

            Events.Insert(at, e);
            _seqs.Insert(at, seq);
        }
    }
}
