namespace Omnia.Core.Segments;

/// <summary>A trait comparison; only withinLast and inNext change with time.</summary>
internal sealed class TraitNode : ConditionNode
{
    private readonly string _name;
    private readonly ComparisonOp _op;
    private readonly ValueTest? _test;
    private readonly TimeSpan _span;

    public TraitNode(TraitCondition condition)
    {
        _name = condition.Name;
        _op = condition.Op;
        if (condition.Value is DurationLiteral duration)
            _span = duration.Value.ToTimeSpan();
        else
            _test = new ValueTest(condition.Op, condition.Value);
    }

    public override int Cost => 0;

    public override Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at)
    {
        var value = scope.Profile.Traits.TryGetValue(_name, out var trait) ? trait.Value : default;
        if (_test is not null)
            return Outcome.Forever(_test.Matches(value));
        return JsonValues.TryDate(value, out var date)
            ? RelativeDate.Evaluate(_op, _span, date, at)
            : Outcome.Forever(false);
    }
}
