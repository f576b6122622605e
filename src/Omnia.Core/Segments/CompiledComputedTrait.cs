using System.Runtime.CompilerServices;

namespace Omnia.Core.Segments;

/// <summary>
/// A <see cref="ComputedTraitDefinition"/> compiled for evaluation. Only a <see cref="LastWindow"/> changes with
/// time: the matching events in it at instant t are those with <c>timestamp &gt; t − d</c>, a suffix of the event
/// list that shrinks from its oldest end, one group of equal timestamps at a time. A second pass, newest first,
/// holds before each group exactly what is left once that group has aged out; the oldest group whose departure
/// changes the value (or a condition's answer) gives the exact next change, as in <see cref="EventNode"/>.
/// </summary>
internal sealed class CompiledComputedTrait
{
    private static readonly ConditionalWeakTable<ComputedTraitDefinition, CompiledComputedTrait> Cache = new();

    private readonly EventMatcher _matcher;
    private readonly ComputedTraitFunction _function;
    private readonly string? _property;
    private readonly EventWindow _window;
    private readonly TimeSpan _last;

    private CompiledComputedTrait(ComputedTraitDefinition definition)
    {
        _matcher = new EventMatcher(definition.Event);
        _function = definition.Function;
        _property = definition.Property is { } property ? string.Intern(property) : null;
        _window = definition.Window;
        _last = definition.Window is LastWindow last ? last.Duration.ToTimeSpan() : default;
        Kind = definition.Kind;
    }

    public ComputedKind Kind { get; }

    /// <summary>The compiled form of a definition, compiled once per instance.</summary>
    /// <exception cref="ArgumentException">The definition does not pass <see cref="ComputedTraitDefinition.Validate"/>.</exception>
    public static CompiledComputedTrait Of(ComputedTraitDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Cache.GetValue(definition, static d =>
        {
            var errors = d.Validate();
            return errors.Count == 0
                ? new CompiledComputedTrait(d)
                : throw new ArgumentException($"Invalid computed trait definition '{d.Name}': " + string.Join("; ", errors), nameof(definition));
        });
    }

    /// <summary>The value at <paramref name="at"/> and when it next changes.</summary>
    public ComputedTraitResult Value(ReadOnlySpan<ProfileEvent> events, DateTimeOffset at)
    {
        var (value, next) = Scan(events, at, null);
        return new ComputedTraitResult(value.ToValue(Kind), next);
    }

    /// <summary>Whether the value passes <paramref name="test"/> at <paramref name="at"/>, and when that flips.</summary>
    public Outcome Test(ReadOnlySpan<ProfileEvent> events, DateTimeOffset at, ValueTest test)
    {
        var (value, next) = Scan(events, at, test);
        return new Outcome(Matches(test, value), next);
    }

    private bool Matches(ValueTest test, ComputedScalar value) =>
        Kind == ComputedKind.Number ? test.MatchesNumber(value.Number) : test.Matches(value.Element);

    /// <summary>The value now, and the next change of the value (no test) or of the test's answer.</summary>
    private (ComputedScalar Value, DateTimeOffset? Next) Scan(ReadOnlySpan<ProfileEvent> events, DateTimeOffset at, ValueTest? test)
    {
        switch (_window)
        {
            case LastWindow:
                break;
            case BetweenWindow between:
                var from = between.From is { } f ? TimeMath.FirstAtOrAfter(events, f) : 0;
                var to = between.To is { } t ? TimeMath.FirstAtOrAfter(events, t) : events.Length;
                return (Fold(events, from, to), null);
            default:
                return (Fold(events, 0, events.Length), null);
        }

        var start = TimeMath.FirstAfter(events, TimeMath.SubtractOrMin(at, _last));
        var now = Fold(events, start, events.Length);
        var nowMatches = test is not null && Matches(test, now);
        var newer = new Accumulator(_function);
        DateTimeOffset? oldestChangingGroup = null;
        var inGroup = false;
        DateTimeOffset groupTimestamp = default;
        for (var i = events.Length - 1; i >= start; i--)
        {
            ref readonly var e = ref events[i];
            if (!_matcher.Matches(e))
                continue;
            if (!inGroup || e.Timestamp != groupTimestamp)
            {
                // What is left once this group (and every older one) has aged out.
                inGroup = true;
                groupTimestamp = e.Timestamp;
                var left = newer.Current;
                if (test is null ? !left.SameAs(now) : Matches(test, left) != nowMatches)
                    oldestChangingGroup = groupTimestamp;
            }
            newer.Add(e, i, _property);
        }
        return (now, oldestChangingGroup is { } group ? TimeMath.AddOrNever(group, _last) : null);
    }

    /// <summary>The value over the matching events with index in [from, to).</summary>
    private ComputedScalar Fold(ReadOnlySpan<ProfileEvent> events, int from, int to)
    {
        var accumulator = new Accumulator(_function);
        for (var i = to - 1; i >= from; i--)
        {
            if (_matcher.Matches(events[i]))
                accumulator.Add(events[i], i, _property);
        }
        return accumulator.Current;
    }
}
