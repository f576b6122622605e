namespace Omnia.Core.Segments;

/// <summary>
/// A definition compiled once for evaluating many profiles: operators resolved, property names encoded,
/// cheap conditions ordered first. Immutable and safe to share between threads.
/// </summary>
public sealed class CompiledSegment
{
    private readonly ConditionNode _root;

    private CompiledSegment(SegmentDefinition definition, ConditionNode root)
    {
        Definition = definition;
        _root = root;
    }

    public SegmentDefinition Definition { get; }

    /// <summary>Compiles a definition.</summary>
    /// <exception cref="ArgumentException">The definition does not pass <see cref="SegmentDefinition.Validate"/>.</exception>
    public static CompiledSegment Compile(SegmentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = definition.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid segment definition: " + string.Join("; ", errors), nameof(definition));
        return new CompiledSegment(definition, SegmentCompiler.Compile(definition.Condition));
    }

    /// <summary>See <see cref="SegmentEvaluator.Evaluate"/>.</summary>
    public SegmentResult Evaluate(ProfileFacts facts, DateTimeOffset now, Func<string, bool>? isMemberOf = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var events = facts.Events;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
                throw new ArgumentException($"Events must be in timestamp order; event {i} is earlier than event {i - 1}.", nameof(facts));
        }
        var outcome = _root.Evaluate(new EvaluationScope(facts.Profile, events, isMemberOf), now);
        return new SegmentResult(outcome.Value, outcome.NextChange);
    }
}
