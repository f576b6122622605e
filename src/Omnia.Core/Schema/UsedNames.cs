using Omnia.Core.Events;
using Omnia.Core.Segments;

namespace Omnia.Core.Schema;

/// <summary>
/// The event names, event properties and trait names that saved definitions (segments, lifecycle rules, computed
/// traits) use, with the value types their comparisons imply, so pickers offer them even when the sampled events
/// do not contain them.
/// </summary>
public sealed class UsedNames
{
    private readonly Dictionary<string, (HashSet<string> Types, Dictionary<string, HashSet<string>> Properties)> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _traits = new(StringComparer.Ordinal);

    /// <summary>Each event name used, with the call types filters require and the properties compared.</summary>
    public IReadOnlyDictionary<string, UsedEvent> Events =>
        _events.ToDictionary(e => e.Key, e => new UsedEvent(e.Value.Types, ReadOnly(e.Value.Properties)), StringComparer.Ordinal);

    /// <summary>Each trait name compared, with the value types implied.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Traits => ReadOnly(_traits);

    /// <summary>Adds the names a condition tree uses.</summary>
    public void Add(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        switch (condition)
        {
            case AndCondition and:
                foreach (var child in and.Conditions)
                    Add(child);
                break;
            case OrCondition or:
                foreach (var child in or.Conditions)
                    Add(child);
                break;
            case NotCondition not:
                Add(not.Inner);
                break;
            case TraitCondition trait:
                TypesOf(_traits, trait.Name).UnionWith(Implied(trait.Value));
                break;
            case EventCondition e:
                var properties = Add(e.Event);
                if (e.Aggregate is { Property: { } property })
                    TypesOf(properties, property).Add(ValueTypes.Number);
                break;
            case SequenceCondition sequence:
                var first = Add(sequence.First);
                var then = Add(sequence.Then);
                if (sequence.Key is { } key)
                {
                    TypesOf(first, key);
                    TypesOf(then, key);
                }
                break;
        }
    }

    /// <summary>Adds the event and property a computed trait definition reads.</summary>
    public void Add(ComputedTraitDefinition trait)
    {
        ArgumentNullException.ThrowIfNull(trait);
        var properties = Add(trait.Event);
        if (trait.Property is { } property)
        {
            var types = TypesOf(properties, property);
            if (trait.Function is ComputedTraitFunction.Sum or ComputedTraitFunction.Average or ComputedTraitFunction.Min or ComputedTraitFunction.Max)
                types.Add(ValueTypes.Number);
        }
    }

    private Dictionary<string, HashSet<string>> Add(EventFilter filter)
    {
        if (!_events.TryGetValue(filter.Name, out var usage))
        {
            usage = ([], new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));
            _events[filter.Name] = usage;
        }

        if (filter.Type is { } type)
            usage.Types.Add(EventTypes.Name(type));
        foreach (var where in filter.Where)
            TypesOf(usage.Properties, where.Property).UnionWith(Implied(where.Value));
        return usage.Properties;
    }

    private static HashSet<string> TypesOf(Dictionary<string, HashSet<string>> fields, string name)
    {
        if (!fields.TryGetValue(name, out var types))
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            fields[name] = types;
        }

        return types;
    }

    private static IEnumerable<string> Implied(Literal? value) => value switch
    {
        StringLiteral => [ValueTypes.String],
        NumberLiteral => [ValueTypes.Number],
        BooleanLiteral => [ValueTypes.Boolean],
        DateLiteral or DurationLiteral => [ValueTypes.String, ValueTypes.Date],
        ListLiteral list => list.Items.SelectMany(Implied),
        _ => [],
    };

    private static Dictionary<string, IReadOnlySet<string>> ReadOnly(Dictionary<string, HashSet<string>> fields) =>
        fields.ToDictionary(f => f.Key, f => (IReadOnlySet<string>)f.Value, StringComparer.Ordinal);
}

/// <summary>How definitions use one event name: the call types their filters require and the properties they compare.</summary>
public sealed record UsedEvent(IReadOnlySet<string> Types, IReadOnlyDictionary<string, IReadOnlySet<string>> Properties);
