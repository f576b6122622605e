using Omnia.Core.Personas;
using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// Decides a profile's audiences at one instant. Pure: real-time evaluation (after each event, at each
/// window edge) and a full recompute call this same function, which is why they agree.
/// </summary>
public static class AudienceEvaluator
{
    /// <summary>How often a profile's persona is re-assigned when nothing else re-evaluates it.</summary>
    public static readonly TimeSpan PersonaRefresh = TimeSpan.FromDays(1);

    public static ProfileAudience Evaluate(AudienceModel model, ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(facts);
        facts = facts with { Audience = model.Context };
        var lifecycle = model.Lifecycle.Evaluate(facts, now);
        string? persona = null;
        if (model.Settings.Personas is { } personas && facts.Profile.EventCount > 0)
        {
            // Behaviour features include recency, so the nearest persona can change with time alone: re-assign daily.
            int index = personas.Assign(new PersonaInput(facts.Profile, facts.Profile.CategoryCounts, []), now);
            persona = personas.Clusters.First(c => c.Index == index).Key;
            lifecycle = lifecycle with { ChangesAt = Earliest(lifecycle.ChangesAt, now + PersonaRefresh) };
        }

        facts = facts with { LifecycleStage = lifecycle.Stage, Persona = persona };
        var isMember = new Dictionary<string, bool>(model.Segments.Count, StringComparer.Ordinal);
        var segments = new List<long>();
        DateTimeOffset? next = lifecycle.ChangesAt;
        foreach (var segment in model.Segments)
        {
            // Dependency order means every segment referred to is decided already.
            var result = segment.Compiled.Evaluate(facts, now, slug => isMember[slug]);
            isMember[segment.Slug] = result.IsMember;
            if (result.IsMember)
            {
                segments.Add(segment.Id);
            }

            next = Earliest(next, result.ChangesAt);
        }

        segments.Sort();
        return new ProfileAudience(segments, next) { LifecycleStage = lifecycle.Stage, Persona = persona };
    }

    /// <summary>
    /// Re-decides only <paramref name="only"/> (segments whose definitions changed), keeping everything else as
    /// <paramref name="stored"/> has it: the other segments' membership, the lifecycle stage and the persona. The next
    /// change is the earlier of the stored one and those of the segments decided now (an early wake-up is harmless:
    /// it decides everything again).
    /// </summary>
    public static ProfileAudience EvaluateSegments(AudienceModel model, ProfileFacts facts, StoredAudience stored, IReadOnlySet<long> only, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(only);
        facts = facts with { Audience = model.Context, LifecycleStage = stored.LifecycleStage, Persona = stored.Persona };
        Dictionary<string, bool>? decidedNow = null;
        var segments = new List<long>(stored.Segments.Count + 1);
        DateTimeOffset? next = stored.NextChange;
        foreach (var segment in model.Segments)
        {
            bool member;
            if (only.Contains(segment.Id))
            {
                // A reference reads a segment decided now, or else the stored membership (dependency order holds both).
                var result = segment.Compiled.Evaluate(facts, now, slug => decidedNow is not null && decidedNow.TryGetValue(slug, out var m)
                    ? m
                    : Contains(stored.Segments, model.Segments.First(s => s.Slug == slug).Id));
                member = result.IsMember;
                next = Earliest(next, result.ChangesAt);
                (decidedNow ??= new Dictionary<string, bool>(StringComparer.Ordinal))[segment.Slug] = member;
            }
            else
            {
                member = Contains(stored.Segments, segment.Id);
            }

            if (member)
            {
                segments.Add(segment.Id);
            }
        }

        segments.Sort();
        return new ProfileAudience(segments, next) { LifecycleStage = stored.LifecycleStage, Persona = stored.Persona };
    }

    private static bool Contains(IReadOnlyList<long> sorted, long id)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] == id)
            {
                return true;
            }

            if (sorted[middle] < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return false;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
