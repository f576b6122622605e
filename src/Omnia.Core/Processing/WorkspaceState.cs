using Omnia.Core.Identity;

namespace Omnia.Core.Processing;

/// <summary>What the derived state keeps per workspace besides its profiles.</summary>
internal sealed class WorkspaceState(int id)
{
    private readonly List<long> _profileIds = [];
    private int _removed;

    public int Id { get; } = id;

    /// <summary>Which profile owns each identifier.</summary>
    public IdentityGraph Graph { get; } = new();

    /// <summary>Events per (UTC day, channel id), for channel trends.</summary>
    public Dictionary<(DateOnly Day, ushort Channel), long> ChannelDays { get; } = [];

    /// <summary>Live profiles.</summary>
    public long ProfileCount { get; set; }

    /// <summary>The fingerprint of the audience model that every profile's membership reflects, once a recompute is done.</summary>
    public string? RecomputedFingerprint { get; set; }

    /// <summary>The fingerprint a recompute under way works towards, and the last profile id it evaluated.</summary>
    public (string Fingerprint, long Cursor)? Recompute { get; set; }

    /// <summary>The segments a recompute under way decides again (null: everything). Not in snapshots: after a restart a recompute decides everything.</summary>
    public IReadOnlySet<long>? RecomputeOnly { get; set; }

    /// <summary>The model membership was last fully decided with (to tell which segments an edit changed); null after a restart.</summary>
    public Audiences.AudienceModel? DecidedModel { get; set; }

    /// <summary>The event property names kept with events (those the workspace's definitions read).</summary>
    public HashSet<string> KeptProperties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether a property name is in <see cref="KeptProperties"/> (one delegate for every event).</summary>
    public Func<string, bool> IsKept => _isKept ??= name => KeptProperties.Contains(name);

    private Func<string, bool>? _isKept;

    /// <summary>
    /// Property names added to <see cref="KeptProperties"/> whose values must still be read from the log for
    /// events up to <see cref="BackfillTo"/> (null: nothing to fill).
    /// </summary>
    public HashSet<string>? BackfillNames { get; set; }

    /// <summary>The log position up to which a backfill reads; events after it were kept with the new names already.</summary>
    public long BackfillTo { get; set; }

    /// <summary>How far the backfill has read the log.</summary>
    public long BackfillAt { get; set; }

    /// <summary>Records a new profile (ids only increase, so the list stays sorted).</summary>
    public void Added(long profileId)
    {
        if (_profileIds.Count > 0 && _profileIds[^1] >= profileId)
        {
            var at = _profileIds.BinarySearch(profileId);
            if (at >= 0)
                return;
            _profileIds.Insert(~at, profileId);
        }
        else
        {
            _profileIds.Add(profileId);
        }

        ProfileCount++;
    }

    /// <summary>Records that a profile was merged away (its id is skipped from now on and dropped at the next compaction).</summary>
    public void Removed()
    {
        ProfileCount--;
        _removed++;
    }

    /// <summary>Up to <paramref name="limit"/> ids after <paramref name="afterId"/> that <paramref name="isLive"/> accepts, ascending.</summary>
    public List<long> IdsAfter(long afterId, int limit, Func<long, bool> isLive)
    {
        var result = new List<long>(Math.Min(limit, 4096));
        var at = _profileIds.BinarySearch(afterId);
        at = at >= 0 ? at + 1 : ~at;
        for (; at < _profileIds.Count && result.Count < limit; at++)
        {
            if (isLive(_profileIds[at]))
                result.Add(_profileIds[at]);
        }

        return result;
    }

    /// <summary>Every live id, ascending (a copy).</summary>
    public List<long> AllIds(Func<long, bool> isLive) => IdsAfter(long.MinValue, int.MaxValue, isLive);

    /// <summary>Drops merged-away ids once they are a quarter of the list.</summary>
    public void Compact(Func<long, bool> isLive)
    {
        if (_removed * 4 < _profileIds.Count)
            return;
        _profileIds.RemoveAll(id => !isLive(id));
        _removed = 0;
    }
}
