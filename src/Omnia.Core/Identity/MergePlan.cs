namespace Omnia.Core.Identity;

/// <summary>
/// Whether joining some profiles and new identifiers into one profile stays within the rules. Only
/// growth is refused: a profile already over a limit (the rules were tightened after it was built) may
/// still receive identifiers of other types, but never more of the type it is over on.
/// </summary>
internal static class MergePlan
{
    private sealed class TypeCount(string type)
    {
        public string Type { get; } = type;
        public int Merged { get; set; }
        public int LargestOwner { get; set; }
        public int CurrentOwner { get; set; }
    }

    public static bool Fits(IdentityGraph graph, List<long> owners, List<Identifier> candidates, IdentityRules rules)
    {
        var counts = new List<TypeCount>(4); // a handful of types: a list scan beats a dictionary
        int total = 0, largestOwnerTotal = 0;
        foreach (var owner in owners)
        {
            var owned = graph.Owned(owner);
            foreach (var id in owned)
                CountOf(counts, id.Type).CurrentOwner++;
            foreach (var count in counts)
            {
                count.Merged += count.CurrentOwner;
                count.LargestOwner = Math.Max(count.LargestOwner, count.CurrentOwner);
                count.CurrentOwner = 0;
            }
            total += owned.Length;
            largestOwnerTotal = Math.Max(largestOwnerTotal, owned.Length);
        }
        foreach (var id in candidates)
        {
            if (graph.Find(id) is not null)
                continue;
            CountOf(counts, id.Type).Merged++;
            total++;
        }

        if (total > rules.MaxIdentifiersPerProfile && total > largestOwnerTotal)
            return false;
        return counts.TrueForAll(c => c.Merged <= rules.LimitOf(c.Type) || c.Merged <= c.LargestOwner);
    }

    private static TypeCount CountOf(List<TypeCount> counts, string type)
    {
        foreach (var count in counts)
        {
            if (ReferenceEquals(count.Type, type) || string.Equals(count.Type, type, StringComparison.Ordinal))
                return count;
        }
        var added = new TypeCount(type);
        counts.Add(added);
        return added;
    }
}
