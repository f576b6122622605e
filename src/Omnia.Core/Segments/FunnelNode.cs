using Omnia.Core.Funnels;

namespace Omnia.Core.Segments;

/// <summary>Evaluates <see cref="FunnelCondition"/>: the funnel depth the person reached equals the step they dropped after.</summary>
internal sealed class FunnelNode(FunnelCondition condition) : ConditionNode
{
    private readonly FunnelMatcher _matcher = new(condition.Funnel);
    private readonly long _from = condition.Period.From?.UtcTicks ?? long.MinValue;
    private readonly long _to = condition.Period.To?.UtcTicks ?? long.MaxValue;

    public override int Cost => 3;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        Span<long> reached = stackalloc long[_matcher.StepCount];
        // Only new events change how far a person got; time alone never does.
        return Outcome.Forever(_matcher.Match(scope.Events, _from, _to, reached) == condition.DroppedAfter);
    }
}
