namespace Omnia.Core.Segments;

/// <summary>The latest consent for a channel says <c>subscribed</c>.</summary>
internal sealed class ConsentNode(ConsentCondition condition) : ConditionNode
{
    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at) =>
        Outcome.Forever(scope.Profile.Consent.TryGetValue(condition.Channel, out var consent) && consent.Subscribed == condition.Subscribed);
}

/// <summary>The profile's <see cref="ProfileBucket"/> is in [from, to].</summary>
internal sealed class BucketNode(BucketCondition condition) : ConditionNode
{
    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var bucket = ProfileBucket.Of(scope.Profile.WorkspaceId, scope.Profile.Id);
        return Outcome.Forever(bucket >= condition.From && bucket <= condition.To);
    }
}

/// <summary>
/// Membership of another segment, through the caller's lookup. Constant here: when that segment's membership
/// changes, the caller re-evaluates the segments that refer to it.
/// </summary>
internal sealed class InSegmentNode(string slug) : ConditionNode
{
    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var isMemberOf = scope.IsMemberOf
            ?? throw new InvalidOperationException($"The definition refers to segment '{slug}'; pass isMemberOf to evaluate it.");
        return Outcome.Forever(isMemberOf(slug));
    }
}

/// <summary>
/// The persona given in the facts is one of the condition's. Constant here: when a profile's persona changes,
/// the caller re-evaluates the segments that use it.
/// </summary>
internal sealed class PersonaNode(PersonaCondition condition) : ConditionNode
{
    private readonly HashSet<string> _personas = new(condition.Personas, StringComparer.Ordinal);

    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at) =>
        Outcome.Forever(scope.Facts.Persona is { } persona && _personas.Contains(persona));
}

/// <summary>
/// The lifecycle stage given in the facts is one of the condition's. Constant here: the caller re-evaluates when
/// the stage changes, including at <see cref="Lifecycle.LifecycleResult.ChangesAt"/>.
/// </summary>
internal sealed class LifecycleStageNode(LifecycleStageCondition condition) : ConditionNode
{
    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at) =>
        Outcome.Forever(scope.Facts.LifecycleStage is { } stage && condition.Stages.Contains(stage));
}
