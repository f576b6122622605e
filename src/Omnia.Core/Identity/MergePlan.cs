namespace Omnia.Core.Identity;

/// <summary>
/// Whether joining some profiles and new identifiers into one profile stays within the rules. Only
/// growth is refused: a profile already over a limit (the rules were tightened after it was built) may
/// still receive identifiers of other types, but never more of the type it is over on.
/// </summary>
internal readonly struct MergePlan
{
    public MergePlan(IdentityGraph graph, List<long> owners, List<Identifier> candidates, IdentityRules rules)
    {
        var merged = new Dictionary<string, (int Merged, int LargestOwner)>(StringComparer.Ordinal);
        var perOwner = new Dictionary<string, int>(StringComparer.Ordinal);
        int total = 0, largestOwnerTotal = 0;
        foreach (var owner in owners)
        {
            perOwner.Clear();
            foreach (var id in graph.Owned(owner))
                perOwner[id.Type] = perOwner.GetValueOrDefault(id.Type) + 1;
            foreach (var (type, count) in perOwner)
            {
                var (sum, largest) = merged.GetValueOrDefault(type);
                merged[type] = (sum + count, Math.Max(largest, count));
            }
            var ownerTotal = graph.CountOf(owner);
            total += ownerTotal;
            largestOwnerTotal = Math.Max(largestOwnerTotal, ownerTotal);
        }
        foreach (var id in candidates)
        {
            if (graph.Find(id) is not null)
                continue;
            var (sum, largest) = merged.GetValueOrDefault(id.Type);
            merged[id.Type] = (sum + 1, largest);
            total++;
        }

        Fits = !(total > rules.MaxIdentifiersPerProfile && total > largestOwnerTotal);
        foreach (var (type, (sum, largest)) in merged)
        {
            if (sum > rules.RuleFor(type).Limit && sum > largest)
                Fits = false;
        }
    }

    public bool Fits { get; }
}
