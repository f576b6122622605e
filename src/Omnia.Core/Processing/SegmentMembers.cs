namespace Omnia.Core.Processing;

/// <summary>The members of one segment, with a sorted copy made on demand for paging (rebuilt after changes).</summary>
internal sealed class SegmentMembers(int workspaceId)
{
    private readonly HashSet<long> _ids = [];
    private long[]? _sorted;

    public int WorkspaceId { get; } = workspaceId;

    public int Count => _ids.Count;

    public bool Contains(long profileId) => _ids.Contains(profileId);

    public void Add(long profileId)
    {
        if (_ids.Add(profileId))
            _sorted = null;
    }

    public void Remove(long profileId)
    {
        if (_ids.Remove(profileId))
            _sorted = null;
    }

    /// <summary>Up to <paramref name="limit"/> member ids after <paramref name="afterId"/>, ascending. Callers hold a lock.</summary>
    public List<long> After(long afterId, int limit)
    {
        var sorted = _sorted;
        if (sorted is null)
        {
            sorted = [.. _ids];
            Array.Sort(sorted);
            _sorted = sorted;
        }

        var at = Array.BinarySearch(sorted, afterId);
        at = at >= 0 ? at + 1 : ~at;
        var result = new List<long>(Math.Min(limit, Math.Max(0, sorted.Length - at)));
        for (; at < sorted.Length && result.Count < limit; at++)
            result.Add(sorted[at]);
        return result;
    }
}
