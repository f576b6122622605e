using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// A compiled comparison that does not depend on now (every operator but withinLast and inNext), over a JSON
/// value (traits, event properties) or a computed trait's number, text or date. Strings compare exactly for
/// equals and in, ignoring case for contains and startsWith; strings holding numbers or ISO dates compare as
/// numbers or dates where a number or date is expected.
/// </summary>
internal sealed class ValueTest
{
    private readonly ComparisonOp _op;
    private readonly Literal? _literal;
    private readonly string? _text;
    private readonly ValueTest[] _items;

    public ValueTest(ComparisonOp op, Literal? literal)
    {
        if (op is ComparisonOp.WithinLast or ComparisonOp.InNext)
            throw new ArgumentException($"{op} depends on now; use RelativeDate.", nameof(op));
        _op = op;
        _literal = literal;
        _text = (literal as StringLiteral)?.Value;
        _items = literal is ListLiteral list
            ? list.Items.Select(item => new ValueTest(ComparisonOp.Equal, item)).ToArray()
            : [];
    }

    public bool Matches(EventValue value)
    {
        switch (_op)
        {
            case ComparisonOp.Exists:
                return JsonValues.IsPresent(value);
            case ComparisonOp.NotExists:
                return !JsonValues.IsPresent(value);
            case ComparisonOp.Equal:
                return EqualsLiteral(value);
            case ComparisonOp.NotEqual:
                return !EqualsLiteral(value);
            case ComparisonOp.In:
                foreach (var item in _items)
                {
                    if (item.EqualsLiteral(value))
                        return true;
                }
                return false;
            case ComparisonOp.Contains:
                if (value.Kind == EventValueKind.String)
                    return value.String!.Contains(_text!, StringComparison.OrdinalIgnoreCase);
                if (value.Kind != EventValueKind.Array)
                    return false;
                foreach (var element in value.Items)
                {
                    if (element.Kind == EventValueKind.String && string.Equals(element.String, _text, StringComparison.OrdinalIgnoreCase))
                        return true;
                }
                return false;
            case ComparisonOp.StartsWith:
                return value.Kind == EventValueKind.String && value.String!.StartsWith(_text!, StringComparison.OrdinalIgnoreCase);
            default:
                return _literal switch
                {
                    NumberLiteral number => JsonValues.TryNumber(value, out var n) && Ordered(n.CompareTo(number.Value)),
                    DateLiteral date => JsonValues.TryDate(value, out var d) && Ordered(d.CompareTo(date.Value)),
                    _ => false,
                };
        }
    }

    /// <summary>For computed number traits; null when the profile has none (only notEquals and notExists match then).</summary>
    public bool MatchesNumber(decimal? value) => _op switch
    {
        ComparisonOp.Exists => value is not null,
        ComparisonOp.NotExists => value is null,
        ComparisonOp.Equal => value is { } v && _literal is NumberLiteral n && v == n.Value,
        ComparisonOp.NotEqual => !(value is { } v && _literal is NumberLiteral n && v == n.Value),
        ComparisonOp.In => value is { } v && AnyItem(v, static (item, x) => item.MatchesNumber(x)),
        _ => value is { } v && _literal is NumberLiteral number && Ordered(v.CompareTo(number.Value)),
    };

    /// <summary>
    /// For a built-in computed trait's value: a boxed <see cref="decimal"/>, <see cref="string"/> or
    /// <see cref="DateTimeOffset"/> by <paramref name="kind"/>, or null for none.
    /// </summary>
    public bool MatchesComputed(ComputedKind kind, object? value) => kind switch
    {
        ComputedKind.Number => MatchesNumber(value as decimal?),
        ComputedKind.Date => MatchesDate(value as DateTimeOffset?),
        _ => MatchesText(value as string),
    };

    /// <summary>The numbers this test compares with (its value, or the items of an in list).</summary>
    public IEnumerable<decimal> Numbers => _literal switch
    {
        NumberLiteral n => [n.Value],
        ListLiteral list => list.Items.OfType<NumberLiteral>().Select(n => n.Value),
        _ => [],
    };

    /// <summary>For computed text traits; null when the profile has none.</summary>
    public bool MatchesText(string? value) => _op switch
    {
        ComparisonOp.Exists => value is not null,
        ComparisonOp.NotExists => value is null,
        ComparisonOp.Equal => value is not null && value == _text,
        ComparisonOp.NotEqual => !(value is not null && value == _text),
        ComparisonOp.In => value is not null && AnyItem(value, static (item, v) => item.MatchesText(v)),
        ComparisonOp.Contains => value is not null && value.Contains(_text!, StringComparison.OrdinalIgnoreCase),
        ComparisonOp.StartsWith => value is not null && value.StartsWith(_text!, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>For computed date traits; null when the profile has none.</summary>
    public bool MatchesDate(DateTimeOffset? value) => _op switch
    {
        ComparisonOp.Exists => value is not null,
        ComparisonOp.NotExists => value is null,
        _ => value is { } date && _literal is DateLiteral literal && Ordered(date.CompareTo(literal.Value)),
    };

    private bool AnyItem<T>(T value, Func<ValueTest, T, bool> matches)
    {
        foreach (var item in _items)
        {
            if (matches(item, value))
                return true;
        }
        return false;
    }

    /// <summary>Whether a comparison's sign satisfies the ordering operators (before = lt, after = gt).</summary>
    private bool Ordered(int sign) => _op switch
    {
        ComparisonOp.GreaterThan or ComparisonOp.After => sign > 0,
        ComparisonOp.GreaterOrEqual => sign >= 0,
        ComparisonOp.LessThan or ComparisonOp.Before => sign < 0,
        ComparisonOp.LessOrEqual => sign <= 0,
        _ => false,
    };

    private bool EqualsLiteral(EventValue value) => _literal switch
    {
        StringLiteral s => value.Kind == EventValueKind.String && string.Equals(value.String, s.Value, StringComparison.Ordinal),
        NumberLiteral n => JsonValues.TryNumber(value, out var number) && number == n.Value,
        BooleanLiteral b => value.Kind == (b.Value ? EventValueKind.True : EventValueKind.False),
        _ => false,
    };
}
