namespace Omnia.Core.Segments;

/// <summary>A comparison on one of <see cref="ComputedTraits"/>; date traits may be relative to now.</summary>
internal sealed class ComputedNode : ConditionNode
{
    private readonly string _name;
    private readonly ComputedKind _kind;
    private readonly ComparisonOp _op;
    private readonly ValueTest? _test;
    private readonly TimeSpan _span;

    public ComputedNode(ComputedCondition condition)
    {
        if (!ComputedTraits.TryGetKind(condition.Name, out _kind))
            throw new ArgumentException($"'{condition.Name}' is not a computed trait.", nameof(condition));
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
        var profile = scope.Profile;
        switch (_kind)
        {
            case ComputedKind.Number:
                return Outcome.Forever(_test!.MatchesNumber(ComputedTraits.Number(_name, profile)));
            case ComputedKind.Text:
                return Outcome.Forever(_test!.MatchesText(ComputedTraits.Text(_name, profile)));
            default:
                var date = ComputedTraits.Date(_name, profile);
                if (_test is not null)
                    return Outcome.Forever(_test.MatchesDate(date));
                return date is { } d ? RelativeDate.Evaluate(_op, _span, d, at) : Outcome.Forever(false);
        }
    }
}
