using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>Lifecycle rules compiled once for evaluating many profiles. Immutable and safe to share between threads.</summary>
public sealed class CompiledLifecycleRules
{
    private readonly (LifecycleStage Stage, ConditionNode Condition)[] _rules;

    private CompiledLifecycleRules(LifecycleRules rules, (LifecycleStage, ConditionNode)[] compiled)
    {
        Rules = rules;
        _rules = compiled;
    }

    /// <summary>The rules compiled.</summary>
    public LifecycleRules Rules { get; }

    /// <summary>
    /// Compiles rules. Computed conditions on names that are not built in are looked up in
    /// <see cref="ProfileFacts.Audience"/> when evaluated.
    /// </summary>
    /// <exception cref="ArgumentException">The rules do not pass <see cref="LifecycleRules.Validate()"/>, apart from data-defined computed trait names.</exception>
    public static CompiledLifecycleRules Compile(LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = LifecycleRulesJsonReader.Read(rules.ToJson(), ComputedTraitCatalog.AnyName).Errors;
        if (errors.Count > 0)
            throw new ArgumentException("Invalid lifecycle rules: " + string.Join("; ", errors), nameof(rules));
        return new CompiledLifecycleRules(rules, rules.Rules.Select(r => (r.Stage, SegmentCompiler.Compile(r.Condition))).ToArray());
    }

    /// <summary>See <see cref="LifecycleEvaluator.Evaluate"/>.</summary>
    public LifecycleResult Evaluate(ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        facts.CheckEventOrder(nameof(facts));
        var scope = new EvaluationScope(facts, null);
        // The stage can change only when a higher rule starts to hold or the matching one stops: the earliest
        // next change among the rules down to the match is exactly when the stage changes.
        DateTimeOffset? changesAt = null;
        foreach (var (stage, condition) in _rules)
        {
            var outcome = condition.Evaluate(scope, now);
            changesAt = TimeMath.Earliest(changesAt, outcome.NextChange);
            if (outcome.Value)
                return new LifecycleResult(stage, changesAt);
        }
        var seen = facts.Events.Count > 0 || facts.Profile.EventCount > 0;
        return new LifecycleResult(seen ? LifecycleStage.Awareness : null, changesAt);
    }
}
