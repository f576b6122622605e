namespace Omnia.Core.Segments;

/// <summary>
/// A comparison on a computed trait: a built-in one (<see cref="ComputedTraits"/>), or one the workspace defines,
/// looked up by name in <see cref="EvaluationScope.Audience"/> when evaluated.
/// </summary>
internal sealed class ComputedNode : ConditionNode
{
    private readonly string _name;
    private readonly BuiltInTrait? _builtIn;
    private readonly ComputedTest _test;

    public ComputedNode(ComputedCondition condition)
    {
        _name = condition.Name;
        _builtIn = ComputedTraits.Find(condition.Name);
        _test = new ComputedTest(condition.Op, condition.Value);
        if (_builtIn is null && _test.Value is null)
            throw new ArgumentException($"'{condition.Op}' does not apply to a data-defined computed trait.", nameof(condition));
    }

    /// <summary>Built-in traits read the profile; data-defined ones scan events.</summary>
    public override int Cost => _builtIn is null ? 1 : 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        if (_builtIn is not null)
            return _builtIn.Test(scope, at, _test);
        var defined = scope.Audience.Find(_name)
            ?? throw new InvalidOperationException($"The definition uses computed trait '{_name}'; put its definition in ProfileFacts.Audience to evaluate it.");
        return defined.Test(scope.Events, at, _test.Value!);
    }
}
