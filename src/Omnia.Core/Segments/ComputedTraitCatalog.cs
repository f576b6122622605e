namespace Omnia.Core.Segments;

/// <summary>
/// The computed trait names a definition being read may use, with their kinds: the built-ins, plus a workspace's
/// data-defined traits; or, when compiling, any well-formed name (its definition is looked up when evaluated).
/// </summary>
internal sealed class ComputedTraitCatalog
{
    private readonly Dictionary<string, ComputedTraitDefinition> _defined = new(StringComparer.Ordinal);
    private readonly bool _anyName;

    private ComputedTraitCatalog(IEnumerable<ComputedTraitDefinition> defined, bool anyName)
    {
        foreach (var definition in defined)
            _defined.TryAdd(definition.Name, definition);
        _anyName = anyName;
        Names = [.. ComputedTraits.Names, .. _defined.Keys];
    }

    /// <summary>Built-in traits only.</summary>
    public static ComputedTraitCatalog BuiltIns { get; } = new([], anyName: false);

    /// <summary>Built-in traits, and any well-formed name as a data-defined trait of unknown kind.</summary>
    public static ComputedTraitCatalog AnyName { get; } = new([], anyName: true);

    /// <summary>Built-in traits and <paramref name="defined"/>.</summary>
    public static ComputedTraitCatalog With(IEnumerable<ComputedTraitDefinition> defined)
    {
        ArgumentNullException.ThrowIfNull(defined);
        return new ComputedTraitCatalog(defined, anyName: false);
    }

    /// <summary>The names errors list: built-ins, then the workspace's.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The kind of <paramref name="name"/> and whether it can be none; false for an unknown name.</summary>
    public bool TryGet(string name, out ComputedKind kind, out bool optional)
    {
        if (ComputedTraits.Find(name) is { } builtIn)
        {
            (kind, optional) = (builtIn.Kind, builtIn.Optional);
            return true;
        }
        if (_defined.TryGetValue(name, out var definition))
        {
            (kind, optional) = (definition.Kind, definition.IsOptional);
            return true;
        }
        (kind, optional) = (ComputedKind.Any, true);
        return _anyName && IsWellFormedName(name);
    }

    /// <summary>A lowercase letter, then up to 63 letters, digits or underscores.</summary>
    public static bool IsWellFormedName(string name)
    {
        if (name.Length is 0 or > 64 || !char.IsAsciiLetterLower(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }
        return true;
    }
}
