using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// Decides a profile's audiences at one instant. Pure: real-time evaluation (after each event, at each
/// window edge) and a full recompute call this same function, which is why they agree.
/// </summary>
public static class AudienceEvaluator
{
    public static ProfileAudience Evaluate(AudienceModel model, ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(facts);
        facts = facts with { Audience = model.Context };
        var lifecycle = model.Lifecycle.Evaluate(facts, now);
        facts = facts with { LifecycleStage = lifecycle.Stage };
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
        return new ProfileAudience(segments, next) { LifecycleStage = lifecycle.Stage };
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
