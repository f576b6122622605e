using System.Collections.Frozen;

namespace Omnia.Core.Segments;

/// <summary>
/// A workspace's settings that segment, computed trait and lifecycle evaluation read: its RFM breakpoints and
/// its data-defined computed traits. Build one per workspace (definitions are compiled here, once) and share it
/// through <see cref="ProfileFacts.Audience"/>. Immutable and safe to share between threads.
/// </summary>
public sealed class AudienceContext
{
    private readonly FrozenDictionary<string, CompiledComputedTrait> _compiled;

    /// <summary>Checks and compiles the workspace's computed trait definitions.</summary>
    /// <exception cref="ArgumentException">A definition is invalid, or two share a name.</exception>
    public AudienceContext(RfmBreakpoints rfm, IEnumerable<ComputedTraitDefinition> computedTraits)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        ArgumentNullException.ThrowIfNull(computedTraits);
        var definitions = new Dictionary<string, ComputedTraitDefinition>(StringComparer.Ordinal);
        var compiled = new Dictionary<string, CompiledComputedTrait>(StringComparer.Ordinal);
        foreach (var definition in computedTraits)
        {
            ArgumentNullException.ThrowIfNull(definition, nameof(computedTraits));
            if (!definitions.TryAdd(definition.Name, definition))
                throw new ArgumentException($"Two computed traits are named '{definition.Name}'.", nameof(computedTraits));
            compiled.Add(definition.Name, CompiledComputedTrait.Of(definition));
        }
        Rfm = rfm;
        ComputedTraits = definitions.ToFrozenDictionary(StringComparer.Ordinal);
        _compiled = compiled.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Default RFM breakpoints and no data-defined computed traits.</summary>
    public static AudienceContext Default { get; } = new(RfmBreakpoints.Default, []);

    /// <summary>The thresholds of the <c>rfm…</c> computed traits.</summary>
    public RfmBreakpoints Rfm { get; }

    /// <summary>The workspace's computed trait definitions by name.</summary>
    public IReadOnlyDictionary<string, ComputedTraitDefinition> ComputedTraits { get; }

    internal CompiledComputedTrait? Find(string name) => _compiled.GetValueOrDefault(name);
}
