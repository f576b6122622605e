namespace Omnia.Core.Audiences;

/// <summary>References between segments: dependency order, unknown references and cycles.</summary>
public static class SegmentGraph
{
    /// <summary>
    /// The segments ordered so that each comes after those it refers to. Segments that refer to an unknown
    /// slug, or that take part in (or depend on) a cycle, are left out and described in <paramref name="problems"/>.
    /// </summary>
    public static IReadOnlyList<StoredSegment> Order(IReadOnlyList<StoredSegment> segments, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var bySlug = segments.ToDictionary(s => s.Slug, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done, 3 = broken
        var ordered = new List<StoredSegment>(segments.Count);
        var found = new List<string>();
        foreach (var segment in segments.OrderBy(s => s.Id))
        {
            Visit(segment, []);
        }

        problems = found;
        return ordered;

        bool Visit(StoredSegment segment, List<string> path)
        {
            switch (state.GetValueOrDefault(segment.Slug))
            {
                case 2:
                    return true;
                case 3:
                    return false;
                case 1:
                    int start = path.IndexOf(segment.Slug);
                    found.Add($"segments refer to each other in a cycle: {string.Join(" → ", path.Skip(start).Append(segment.Slug))}");
                    return false;
            }

            state[segment.Slug] = 1;
            path.Add(segment.Slug);
            bool ok = true;
            foreach (string reference in segment.Definition.ReferencedSegments())
            {
                if (!bySlug.TryGetValue(reference, out var target))
                {
                    found.Add($"segment '{segment.Slug}' refers to segment '{reference}', which does not exist");
                    ok = false;
                }
                else if (!Visit(target, path))
                {
                    ok = false;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[segment.Slug] = ok ? 2 : 3;
            if (ok)
            {
                ordered.Add(segment);
            }

            return ok;
        }
    }

    /// <summary>
    /// What would be wrong if <paramref name="candidate"/> were saved among <paramref name="existing"/>: references
    /// to missing segments and cycles. Empty when it can be saved.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<StoredSegment> existing, StoredSegment candidate)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(candidate);
        var others = existing.Where(s => s.Slug != candidate.Slug).ToList();
        Order(others, out var before);
        Order([.. others, candidate], out var after);
        return after.Except(before, StringComparer.Ordinal).ToList();
    }

    /// <summary>The slugs of saved segments that refer to <paramref name="slug"/>.</summary>
    public static IReadOnlyList<string> UsedBy(IReadOnlyList<StoredSegment> existing, string slug) =>
        existing.Where(s => s.Slug != slug && s.Definition.ReferencedSegments().Contains(slug, StringComparer.Ordinal))
            .Select(s => s.Slug).Order(StringComparer.Ordinal).ToList();
}
