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

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
