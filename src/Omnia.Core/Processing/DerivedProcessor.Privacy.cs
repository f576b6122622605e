using Omnia.Core.Identity;
using Omnia.Core.Privacy;
using Omnia.Core.Profiles;

namespace Omnia.Core.Processing;

/// <summary>
/// Privacy in the derived state: erasing a person (every profile merged into them included) from memory, telling
/// which log positions must go with them; ageing events past a retention out; and keeping people who were erased from
/// being subscribed again when one of their identifiers comes back.
/// </summary>
public sealed partial class DerivedProcessor
{
    private readonly Dictionary<int, (byte[] Secret, HashSet<string> Hashes)> _suppressions = [];

    /// <summary>The hashed identifiers of people erased from a workspace (see <see cref="SuppressionHash"/>).</summary>
    public void UseSuppressions(int workspaceId, byte[] secret, IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(hashes);
        _suppressions[workspaceId] = (secret, new HashSet<string>(hashes, StringComparer.Ordinal));
    }

    /// <summary>
    /// Removes the person who holds <paramref name="profileId"/> (or who absorbed it) from the derived state: profile,
    /// identifiers, behaviour, audiences, journeys, and the profiles merged into them. Returns what the stores must
    /// delete too — their events' log positions and their profile ids — and the hashes of their identifiers to keep.
    /// Null when there is no such profile. Call it on the processing thread.
    /// </summary>
    public Erasure? Erase(int workspaceId, long profileId)
    {
        state.Lock.EnterWriteLock();
        try
        {
            var survivor = state.Survivor(profileId);
            if (state.Entry(workspaceId, survivor) is not { } entry)
                return null;
            state.BeforeChange(entry);
            var workspace = state.Workspace(workspaceId);
            var identifiers = workspace.Graph.Forget(survivor);
            var seqs = new List<long>(entry.EventCount);
            foreach (var e in entry.Events)
                seqs.Add(e.Seq);
            var profiles = new HashSet<long> { survivor };
            foreach (var merge in entry.Merges)
                profiles.Add(merge.From);
            foreach (var (from, into) in state.MergedInto.ToList())
            {
                if (profiles.Contains(into) || state.Survivor(from) == survivor)
                    profiles.Add(from);
            }

            foreach (var id in profiles)
                state.MergedInto.Remove(id);
            if (entry.Audience is { } audience)
            {
                foreach (var segment in audience.Segments)
                {
                    if (state.Members.TryGetValue(segment, out var members))
                        members.Remove(survivor);
                }
            }

            state.Partitions[DerivedState.PartitionOf(workspaceId, survivor)].Remove(survivor);
            workspace.Removed();
            workspace.Compact(id => !state.MergedInto.ContainsKey(id) && state.Entry(workspaceId, id) is not null);
            _dirty.Remove(survivor);
            var hashes = new List<string>();
            if (_suppressions.TryGetValue(workspaceId, out var suppression))
            {
                foreach (var id in identifiers.Concat(entry.Merges.SelectMany(m => m.Moved)).Distinct())
                {
                    var hash = SuppressionHash.Of(suppression.Secret, id);
                    suppression.Hashes.Add(hash);
                    hashes.Add(hash);
                }
            }

            return new Erasure([.. profiles], seqs, hashes);
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Forgets the events of a workspace stamped before <paramref name="cutoff"/> (a retention limit) and returns their
    /// log positions, for the log to delete. Profiles keep what those events added up to (counts, revenue, traits).
    /// </summary>
    public IReadOnlyList<long> AgeOut(int workspaceId, DateTimeOffset cutoff)
    {
        var removed = new List<long>();
        var ticks = cutoff.UtcTicks;
        state.Lock.EnterWriteLock();
        try
        {
            foreach (var partition in state.Partitions)
            {
                foreach (var entry in partition.Values)
                {
                    if (entry.WorkspaceId != workspaceId || entry.EventCount == 0 || entry.Events[0].UtcTicks >= ticks)
                        continue;
                    state.BeforeChange(entry);
                    var events = entry.Events;
                    var keep = 0;
                    while (keep < events.Length && events[keep].UtcTicks < ticks)
                        removed.Add(events[keep++].Seq);
                    entry.SetEvents(events[keep..].ToArray(), events.Length - keep);
                    MarkDirty(entry.Id);
                }
            }
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }

        return removed;
    }

    /// <summary>Whether the profile carries an identifier of an erased person (so nothing may subscribe it again).</summary>
    private bool IsSuppressed(int workspaceId, IdentityGraph graph, long profileId)
    {
        if (!_suppressions.TryGetValue(workspaceId, out var suppression) || suppression.Hashes.Count == 0)
            return false;
        foreach (var id in graph.IdentifiersOf(profileId))
        {
            if (suppression.Hashes.Contains(SuppressionHash.Of(suppression.Secret, id)))
                return true;
        }

        return false;
    }

    /// <summary>Turns every subscription of a suppressed profile off again.</summary>
    private static void Unsubscribe(ProfileState profile)
    {
        foreach (var (channel, consent) in profile.Consent.ToList())
        {
            if (consent.Subscribed)
                profile.Consent[channel] = consent with { Subscribed = false, Reason = "an erased person's identifier" };
        }
    }
}

/// <summary>What an erasure removed from the derived state, for the stores to remove too.</summary>
public sealed record Erasure(IReadOnlyList<long> ProfileIds, IReadOnlyList<long> Seqs, IReadOnlyList<string> SuppressedHashes);
