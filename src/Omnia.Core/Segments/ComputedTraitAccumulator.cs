using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// Folds matching events into a <see cref="ComputedTraitFunction"/>'s value. Events are added newest first (the
/// order a window shrinks in), so "last" is the first value seen and "first" the latest seen. Numbers follow
/// event aggregates: a missing or non-number property (a string holding a number counts) is left out. first,
/// last, mostFrequent and uniqueCount read string, number and boolean values; null, objects and lists are left out.
/// </summary>
internal sealed class Accumulator(ComputedTraitFunction function)
{
    private long _count;
    private long _values;
    private decimal _sum;
    private decimal _min;
    private decimal _max;
    private EventValue _first;
    private EventValue _last;
    private Dictionary<ScalarKey, Occurrences>? _seen;
    private ScalarKey _best;
    private bool _hasBest;

    /// <param name="index">The event's position in the list; a higher index is more recent, for mostFrequent's ties.</param>
    public void Add(in ProfileEvent e, int index, string? property)
    {
        _count++;
        if (property is null)
            return;
        var value = e.Properties[property];
        switch (function)
        {
            case ComputedTraitFunction.Sum or ComputedTraitFunction.Average or ComputedTraitFunction.Min or ComputedTraitFunction.Max:
                if (!JsonValues.TryNumber(value, out var number))
                    return;
                _min = _values == 0 ? number : Math.Min(_min, number);
                _max = _values == 0 ? number : Math.Max(_max, number);
                _values++;
                _sum = JsonValues.AddSaturating(_sum, number);
                return;
            case ComputedTraitFunction.First:
                if (ScalarKey.TryOf(value, out _))
                    _first = value;
                return;
            case ComputedTraitFunction.Last:
                if (_last.Kind == EventValueKind.Undefined && ScalarKey.TryOf(value, out _))
                    _last = value;
                return;
            default:
                if (ScalarKey.TryOf(value, out var key))
                    Count(key, index, value);
                return;
        }
    }

    public ComputedScalar Current => function switch
    {
        ComputedTraitFunction.Count => new ComputedScalar(_count, default),
        ComputedTraitFunction.Sum => new ComputedScalar(_sum, default),
        ComputedTraitFunction.Average => new ComputedScalar(_values == 0 ? null : _sum / _values, default),
        ComputedTraitFunction.Min => new ComputedScalar(_values == 0 ? null : _min, default),
        ComputedTraitFunction.Max => new ComputedScalar(_values == 0 ? null : _max, default),
        ComputedTraitFunction.UniqueCount => new ComputedScalar(_seen?.Count ?? 0, default),
        ComputedTraitFunction.First => new ComputedScalar(null, _first),
        ComputedTraitFunction.Last => new ComputedScalar(null, _last),
        _ => new ComputedScalar(null, _hasBest ? _seen![_best].Value : default),
    };

    private void Count(ScalarKey key, int index, EventValue value)
    {
        _seen ??= [];
        // Seen newest first: the first sighting of a value is its most recent use.
        var occurrences = _seen.TryGetValue(key, out var known) ? known with { Count = known.Count + 1 } : new Occurrences(1, index, value);
        _seen[key] = occurrences;
        if (!_hasBest)
        {
            (_best, _hasBest) = (key, true);
            return;
        }
        var best = _seen[_best];
        if (occurrences.Count > best.Count || (occurrences.Count == best.Count && occurrences.LatestIndex > best.LatestIndex))
            _best = key;
    }

    private readonly record struct Occurrences(long Count, int LatestIndex, EventValue Value);
}
