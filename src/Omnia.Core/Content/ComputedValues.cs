using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>
/// The computed traits a template may read (<c>computed.*</c>): given as values, or worked out from a profile's facts
/// on first read, so a template that reads none costs nothing.
/// </summary>
public sealed class ComputedValues
{
    private readonly Func<string, (bool Found, object? Value)> _lookup;
    private readonly Func<IEnumerable<string>> _names;
    private readonly Dictionary<string, object?> _cache = new(StringComparer.Ordinal);

    private ComputedValues(Func<string, (bool, object?)> lookup, Func<IEnumerable<string>> names)
    {
        _lookup = lookup;
        _names = names;
    }

    /// <summary>No computed traits.</summary>
    public static ComputedValues None { get; } = new(static _ => (false, null), static () => []);

    /// <summary>
    /// Fixed values: a <see cref="decimal"/>, <see cref="string"/>, <see cref="DateTimeOffset"/>, <see cref="bool"/> or
    /// null each (the kinds <see cref="ComputedTraitResult.Value"/> has).
    /// </summary>
    public static ComputedValues Of(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name => values.TryGetValue(name, out var v) ? (true, v) : (false, null), () => values.Keys);
    }

    /// <summary>
    /// The built-in computed traits and the workspace's own (from <see cref="ProfileFacts.Audience"/>) for one profile at
    /// <paramref name="now"/>, plus <c>persona</c> and <c>lifecycleStage</c>.
    /// </summary>
    public static ComputedValues From(ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(
            name => name switch
            {
                "persona" => (true, facts.Persona),
                "lifecycleStage" => (true, facts.LifecycleStage is { } stage ? Lifecycle.LifecycleStages.Name(stage) : null),
                _ when ComputedTraits.TryGetKind(name, out _) || facts.Audience.ComputedTraits.ContainsKey(name)
                    => (true, ComputedTraits.Evaluate(name, facts, now).Value),
                _ => (false, null),
            },
            () => [.. ComputedTraits.Names, .. facts.Audience.ComputedTraits.Keys, "persona", "lifecycleStage"]);
    }

    /// <summary>The value of a computed trait (null when the profile has none); false for a name that is not one.</summary>
    public bool TryGet(string name, out object? value)
    {
        if (_cache.TryGetValue(name, out value))
            return true;
        var (found, v) = _lookup(name);
        value = v;
        if (found)
            _cache[name] = v;
        return found;
    }

    /// <summary>Every name that can be read.</summary>
    public IEnumerable<string> Names => _names();
}
