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

    /// <summary>
    /// Compiles a definition. Computed conditions on names that are not built in are taken as the workspace's own
    /// traits, looked up in <see cref="ProfileFacts.Audience"/> when evaluated; check them against the workspace's
    /// definitions beforehand with <see cref="SegmentDefinition.Validate(IEnumerable{ComputedTraitDefinition})"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The definition does not pass <see cref="SegmentDefinition.Validate()"/>, apart from data-defined computed trait names.</exception>
    public static CompiledSegment Compile(SegmentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = SegmentJsonReader.Read(definition.ToJson(), ComputedTraitCatalog.AnyName).Errors;
        if (errors.Count > 0)
            throw new ArgumentException("Invalid segment definition: " + string.Join("; ", errors), nameof(definition));
        return new CompiledSegment(definition, SegmentCompiler.Compile(definition.Condition));
    }

    /// <summary>See <see cref="SegmentEvaluator.Evaluate"/>.</summary>
    public SegmentResult Evaluate(ProfileFacts facts, DateTimeOffset now, Func<string, bool>? isMemberOf = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        facts.CheckEventOrder(nameof(facts));
        var outcome = _root.Evaluate(new EvaluationScope(facts, isMemberOf), now);
        return new SegmentResult(outcome.Value, outcome.NextChange);
    }
}
