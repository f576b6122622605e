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
        var dropped = new List<Identifier>();
        List<long> owners;
        while (true)
        {
            owners = OwnersOf(candidates);
            if (candidates.Count == 1 || new MergePlan(this, owners, candidates, rules).Fits)
                break;
            dropped.Add(candidates[^1]);
            candidates.RemoveAt(candidates.Count - 1);
        }

        var fresh = candidates.Where(c => !_owners.ContainsKey(c)).ToArray();
        return owners.Count switch
        {
            0 => Create(fresh, dropped, newProfileId),
            1 => Attach(owners[0], fresh, [], dropped),
            _ => Merge(owners, candidates, fresh, dropped, rules),
        };
    }

    internal int CountOf(long profileId) => _profiles[profileId].Length;

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
        var distinct = new List<Identifier>(ids.Count);
        foreach (var id in ids)
        {
            var interned = Intern(id);
            if (!distinct.Contains(interned))
                distinct.Add(interned);
        }
        return [.. distinct.OrderBy(id => rules.RuleFor(id.Type).Priority)];
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

    private IdentityResolution Create(Identifier[] fresh, List<Identifier> dropped, Func<long> newProfileId)
    {
        var profileId = newProfileId();
        if (_profiles.ContainsKey(profileId))
            throw new InvalidOperationException($"newProfileId returned {profileId}, which is already a profile.");
        _profiles.Add(profileId, []);
        var resolution = Attach(profileId, fresh, [], dropped);
        return resolution with { Created = true };
    }

    private IdentityResolution Attach(long profileId, Identifier[] fresh, List<ProfileMerge> merges, List<Identifier> dropped)
    {
        foreach (var id in fresh)
            _owners.Add(id, profileId);
        var moved = merges.SelectMany(m => m.Moved);
        if (fresh.Length > 0 || merges.Count > 0)
            _profiles[profileId] = [.. _profiles[profileId], .. moved, .. fresh];
        return new IdentityResolution(profileId, false, [.. moved, .. fresh], merges, dropped);
    }

    private IdentityResolution Merge(
        List<long> owners, List<Identifier> candidates, Identifier[] fresh, List<Identifier> dropped, IdentityRules rules)
    {
        long survivor = 0;
        var best = int.MaxValue;
        foreach (var id in candidates)
        {
            if (!_owners.TryGetValue(id, out var owner))
                continue;
            var priority = rules.RuleFor(id.Type).Priority;
            if (priority < best || (priority == best && owner < survivor))
                (survivor, best) = (owner, priority);
        }

        var merges = new List<ProfileMerge>(owners.Count - 1);
        foreach (var from in owners.Where(o => o != survivor).Order())
        {
            var moved = _profiles[from];
            foreach (var id in moved)
                _owners[id] = survivor;
            _profiles.Remove(from);
            merges.Add(new ProfileMerge(from, survivor, moved));
        }
        return Attach(survivor, fresh, merges, dropped);
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
