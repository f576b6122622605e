namespace Omnia.Core.Identity;

/// <summary>
/// One workspace's identity graph in memory: which profile owns each identifier. Events are resolved
/// Segment Unify style: identifiers seen together join one profile, profiles are merged when an event
/// links them, and identifier <see cref="IdentityRules">limits</see> decide what is left out instead — so
/// a browser shared by two signed-in people keeps them apart. Not thread-safe: one writer per workspace.
/// </summary>
/// <remarks>
/// Sized for millions of identifiers: one dictionary entry per identifier and one exact-size array per
/// profile, never mutated once published (so lists handed out are snapshots); type strings are interned.
/// </remarks>
public sealed class IdentityGraph(int expectedIdentifiers = 0)
{
    private readonly Dictionary<Identifier, long> _owners = new(expectedIdentifiers);
    private readonly Dictionary<long, Identifier[]> _profiles = new(expectedIdentifiers / 3);
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    /// <summary>Number of live profiles.</summary>
    public int ProfileCount => _profiles.Count;

    /// <summary>Number of identifiers attached to live profiles.</summary>
    public int IdentifierCount => _owners.Count;

    /// <summary>The profile owning <paramref name="id"/>, or null.</summary>
    public long? Find(Identifier id) => _owners.TryGetValue(id, out var profileId) ? profileId : null;

    /// <summary>True when <paramref name="profileId"/> is a live profile (not unknown, not merged away).</summary>
    public bool HasProfile(long profileId) => _profiles.ContainsKey(profileId);

    /// <summary>A snapshot of the identifiers of a profile in the order they were attached; empty when unknown.</summary>
    public IReadOnlyList<Identifier> IdentifiersOf(long profileId) =>
        _profiles.TryGetValue(profileId, out var ids) ? ids : [];

    /// <summary>
    /// Loads persisted state at start-up: attaches <paramref name="id"/> to <paramref name="profileId"/>
    /// without checking limits. Throws when the identifier already belongs to another profile.
    /// </summary>
    public void Restore(long profileId, Identifier id)
    {
        id = Intern(id);
        if (_owners.TryGetValue(id, out var owner))
        {
            if (owner == profileId)
                return;
            throw new InvalidOperationException($"Identifier {id} belongs to profile {owner}; it cannot also be restored to profile {profileId}.");
        }
        _owners.Add(id, profileId);
        _profiles[profileId] = [.. IdentifiersOf(profileId), id];
    }

    /// <summary>Removes a profile and every identifier it owns (an erasure); returns the identifiers.</summary>
    public IReadOnlyList<Identifier> Forget(long profileId)
    {
        if (!_profiles.Remove(profileId, out var ids))
            return [];
        foreach (var id in ids)
            _owners.Remove(id);
        return ids;
    }

    /// <summary>Loads a profile's identifiers at start-up (from a snapshot), in the order they were attached.</summary>
    public void Restore(long profileId, IReadOnlyList<Identifier> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var owned = new Identifier[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var id = Intern(ids[i]);
            if (!_owners.TryAdd(id, profileId) && _owners[id] != profileId)
                throw new InvalidOperationException($"Identifier {id} belongs to profile {_owners[id]}; it cannot also be restored to profile {profileId}.");
            owned[i] = id;
        }

        _profiles[profileId] = owned;
    }

    /// <summary>
    /// Finds or creates the profile for one event's identifiers, merging the profiles they link.
    /// Identifiers are considered highest priority first; while attaching them all (and merging their
    /// profiles) would exceed a type's limit or <see cref="IdentityRules.MaxIdentifiersPerProfile"/>,
    /// the lowest-priority one is dropped. The merge survivor owns the highest-priority identifier (ties:
    /// the smallest profile id). <paramref name="newProfileId"/> is called only when a profile is created.
    /// </summary>
    public IdentityResolution Resolve(IReadOnlyList<Identifier> ids, IdentityRules rules, Func<long> newProfileId)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(newProfileId);
        if (ids.Count == 0)
            return IdentityResolution.None;
        if (SingleOwner(ids) is { } known)
            return IdentityResolution.Unchanged(known); // the common case: a returning, already-linked visitor

        var candidates = Candidates(ids, rules);
        var owners = OwnersOf(candidates);
        List<Identifier>? dropped = null;
        while (candidates.Count > 1 && !MergePlan.Fits(this, owners, candidates, rules))
        {
            (dropped ??= []).Add(candidates[^1]);
            candidates.RemoveAt(candidates.Count - 1);
            owners = OwnersOf(candidates);
        }

        var fresh = candidates.FindAll(c => !_owners.ContainsKey(c));
        IReadOnlyList<Identifier> droppedOrNone = dropped is null ? [] : dropped;
        switch (owners.Count)
        {
            case 0:
                var profileId = newProfileId();
                if (!_profiles.TryAdd(profileId, []))
                    throw new InvalidOperationException($"newProfileId returned {profileId}, which is already a profile.");
                return Attach(profileId, created: true, [], fresh, droppedOrNone);
            case 1:
                return Attach(owners[0], created: false, [], fresh, droppedOrNone);
            default:
                var survivor = Survivor(candidates, rules);
                var merges = new List<ProfileMerge>(owners.Count - 1);
                owners.Sort();
                foreach (var from in owners)
                {
                    if (from != survivor && _profiles.Remove(from, out var moved))
                        merges.Add(new ProfileMerge(from, survivor, moved));
                }
                return Attach(survivor, created: false, merges, fresh, droppedOrNone);
        }
    }

    internal Identifier[] Owned(long profileId) => _profiles[profileId];

    private long? SingleOwner(IReadOnlyList<Identifier> ids)
    {
        long? single = null;
        foreach (var id in ids)
        {
            if (!_owners.TryGetValue(id, out var owner) || (single is { } s && s != owner))
                return null;
            single = owner;
        }
        return single;
    }

    /// <summary>Distinct, interned, and stably sorted by priority so the last one is the one to drop.</summary>
    private List<Identifier> Candidates(IReadOnlyList<Identifier> ids, IdentityRules rules)
    {
        var sorted = new List<Identifier>(ids.Count);
        foreach (var id in ids)
        {
            var interned = Intern(id);
            if (sorted.Contains(interned))
                continue;
            var priority = rules.PriorityOf(interned.Type);
            var at = sorted.Count;
            while (at > 0 && rules.PriorityOf(sorted[at - 1].Type) > priority)
                at--;
            sorted.Insert(at, interned);
        }
        return sorted;
    }

    private List<long> OwnersOf(List<Identifier> candidates)
    {
        var owners = new List<long>(2);
        foreach (var id in candidates)
        {
            if (_owners.TryGetValue(id, out var owner) && !owners.Contains(owner))
                owners.Add(owner);
        }
        return owners;
    }

    /// <summary>The owner of the highest-priority candidate; between equal priorities, the smallest profile id.</summary>
    private long Survivor(List<Identifier> candidates, IdentityRules rules)
    {
        long survivor = 0;
        var best = int.MaxValue;
        foreach (var id in candidates)
        {
            if (!_owners.TryGetValue(id, out var owner))
                continue;
            var priority = rules.PriorityOf(id.Type);
            if (priority < best || (priority == best && owner < survivor))
                (survivor, best) = (owner, priority);
        }
        return survivor;
    }

    private IdentityResolution Attach(
        long profileId, bool created, List<ProfileMerge> merges, List<Identifier> fresh, IReadOnlyList<Identifier> dropped)
    {
        var added = new List<Identifier>(fresh.Count);
        foreach (var merge in merges)
            added.AddRange(merge.Moved);
        added.AddRange(fresh);
        foreach (var id in added)
            _owners[id] = profileId;
        if (added.Count > 0)
            _profiles[profileId] = [.. _profiles[profileId], .. added];
        return new IdentityResolution(profileId, created, added, merges, dropped);
    }

    private Identifier Intern(Identifier id)
    {
        if (id.Type is null || id.Value is null)
            throw new ArgumentException("An identifier needs a type and a value.", nameof(id));
        if (_types.TryGetValue(id.Type, out var type))
            return ReferenceEquals(type, id.Type) ? id : id with { Type = type };
        _types.Add(id.Type, id.Type);
        return id;
    }
}
