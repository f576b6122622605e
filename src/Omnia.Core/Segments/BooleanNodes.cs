namespace Omnia.Core.Segments;

/// <summary>
/// All children hold. When all hold now, the first child to flip ends it. When one does not, the answer is
/// the first instant at which all hold together, found by jumping to the latest next change of the failing
/// children (none can hold sooner) and checking again there.
/// </summary>
internal sealed class AndNode(ConditionNode[] children) : ConditionNode
{
    public override int Cost { get; } = children.Max(c => c.Cost);

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var allHold = true;
        DateTimeOffset? firstFlip = null;
        var lastFailingFlip = DateTimeOffset.MinValue;
        foreach (var child in children)
        {
            var outcome = child.Evaluate(scope, at);
            if (!outcome.Value)
            {
                if (outcome.NextChange is not { } next)
                    return Outcome.Forever(false);
                var flip = Later(next, at);
                allHold = false;
                if (flip > lastFailingFlip)
                    lastFailingFlip = flip;
            }
            firstFlip = TimeMath.Earliest(firstFlip, outcome.NextChange);
        }
        return allHold ? new Outcome(true, firstFlip) : new Outcome(false, FirstInstantAllHold(scope, lastFailingFlip));
    }

    private DateTimeOffset? FirstInstantAllHold(in EvaluationScope scope, DateTimeOffset candidate)
    {
        while (true)
        {
            var allHold = true;
            var lastFailingFlip = candidate;
            foreach (var child in children)
            {
                var outcome = child.Evaluate(scope, candidate);
                if (outcome.Value)
                    continue;
                if (outcome.NextChange is not { } next)
                    return null;
                var flip = Later(next, candidate);
                allHold = false;
                if (flip > lastFailingFlip)
                    lastFailingFlip = flip;
            }
            if (allHold)
                return candidate;
            candidate = lastFailingFlip;
        }
    }
}

/// <summary>At least one child holds; the mirror image of <see cref="AndNode"/>.</summary>
internal sealed class OrNode(ConditionNode[] children) : ConditionNode
{
    public override int Cost { get; } = children.Max(c => c.Cost);

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var anyHolds = false;
        DateTimeOffset? firstFlip = null;
        var lastHoldingFlip = DateTimeOffset.MinValue;
        foreach (var child in children)
        {
            var outcome = child.Evaluate(scope, at);
            if (outcome.Value)
            {
                if (outcome.NextChange is not { } next)
                    return Outcome.Forever(true);
                var flip = Later(next, at);
                anyHolds = true;
                if (flip > lastHoldingFlip)
                    lastHoldingFlip = flip;
            }
            firstFlip = TimeMath.Earliest(firstFlip, outcome.NextChange);
        }
        return anyHolds ? new Outcome(true, FirstInstantNoneHolds(scope, lastHoldingFlip)) : new Outcome(false, firstFlip);
    }

    private DateTimeOffset? FirstInstantNoneHolds(in EvaluationScope scope, DateTimeOffset candidate)
    {
        while (true)
        {
            var anyHolds = false;
            var lastHoldingFlip = candidate;
            foreach (var child in children)
            {
                var outcome = child.Evaluate(scope, candidate);
                if (!outcome.Value)
                    continue;
                if (outcome.NextChange is not { } next)
                    return null;
                var flip = Later(next, candidate);
                anyHolds = true;
                if (flip > lastHoldingFlip)
                    lastHoldingFlip = flip;
            }
            if (!anyHolds)
                return candidate;
            candidate = lastHoldingFlip;
        }
    }
}

/// <summary>The child does not hold: same change instant, opposite value.</summary>
internal sealed class NotNode(ConditionNode inner) : ConditionNode
{
    public override int Cost => inner.Cost;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var outcome = inner.Evaluate(scope, at);
        return outcome with { Value = !outcome.Value };
    }
}
