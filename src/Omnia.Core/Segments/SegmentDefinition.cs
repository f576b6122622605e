using System.Text.Json.Serialization;

namespace Omnia.Core.Segments;

/// <summary>
/// A segment as data: a name, a description and a boolean tree of conditions, stored as versioned JSON
/// (<c>{"version":1,"name":"…","description":"…","condition":{…}}</c>). Read and check one with
/// <see cref="Parse(string)"/>, write it with <see cref="ToJson"/>, evaluate it with <see cref="SegmentEvaluator"/>.
/// Compares by value.
/// </summary>
[JsonConverter(typeof(SegmentDefinitionJsonConverter))]
public sealed record SegmentDefinition(string Name, string? Description, Condition Condition)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Conditions may nest this deep (the root condition is level 1).</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// How deep the JSON of a definition may nest: every place that parses or serialises one must allow this
    /// (System.Text.Json's default of 64 is less than 32 nested and/or groups need, two JSON levels each).
    /// </summary>
    public const int MaxJsonDepth = 256;

    /// <summary>Always <see cref="CurrentVersion"/>; older versions are upgraded when read.</summary>
    public int Version => CurrentVersion;

    /// <summary>
    /// Reads and checks a definition. Never throws for bad input: the result holds either the definition or
    /// every problem found, each with its JSON path and a message a person can act on.
    /// </summary>
    /// <remarks>Computed conditions may use the built-in traits only; see the overload for a workspace's own.</remarks>
    public static SegmentParseResult Parse(string json) => SegmentJsonReader.Read(json, ComputedTraitCatalog.BuiltIns);

    /// <summary>
    /// Reads a definition saved earlier: computed trait names are taken as they are (they were checked against the
    /// workspace's computed traits when the definition was saved).
    /// </summary>
    public static SegmentParseResult ParseSaved(string json) => SegmentJsonReader.Read(json, ComputedTraitCatalog.AnyName);

    /// <summary>
    /// Reads and checks a definition whose computed conditions may also use the workspace's
    /// <paramref name="computedTraits"/>: an unknown name is reported with the list of known ones, and operators
    /// and values are checked against each trait's kind.
    /// </summary>
    public static SegmentParseResult Parse(string json, IEnumerable<ComputedTraitDefinition> computedTraits) =>
        SegmentJsonReader.Read(json, ComputedTraitCatalog.With(computedTraits));

    /// <summary>The definition as JSON (camelCase), in the canonical form <see cref="Parse(string)"/> reads back to an equal definition.</summary>
    public string ToJson(bool indented = false) => SegmentJsonWriter.Write(this, indented);

    /// <summary>
    /// Checks a definition built in code the same way <see cref="Parse(string)"/> checks JSON; empty when valid.
    /// </summary>
    public IReadOnlyList<SegmentError> Validate() => Parse(ToJson()).Errors;

    /// <summary>Checks a definition built in code against the built-in and the workspace's computed traits.</summary>
    public IReadOnlyList<SegmentError> Validate(IEnumerable<ComputedTraitDefinition> computedTraits) => Parse(ToJson(), computedTraits).Errors;

    /// <summary>
    /// The data-defined computed traits this definition compares, each once (names that are not built in): the
    /// workspace must keep their definitions while the segment uses them.
    /// </summary>
    public IReadOnlyList<string> ReferencedComputedTraits() => ConditionWalker.Collect(Condition, static c =>
        c is ComputedCondition computed && ComputedTraits.Find(computed.Name) is null ? [computed.Name] : []);

    /// <summary>The slugs of the segments this one refers to, each once, for dependency order and cycle checks.</summary>
    public IReadOnlyList<string> ReferencedSegments() => ConditionWalker.Collect(Condition, static c =>
        c is InSegmentCondition s ? [s.Slug] : []);

    /// <summary>
    /// The event names this definition looks at, each once: an arriving event with another name can change
    /// membership only through the profile's traits, consent and computed basics. Data-defined computed traits
    /// look at events too; the overload taking their definitions adds those names.
    /// </summary>
    public IReadOnlyList<string> EventNames() => ConditionWalker.Collect(Condition, static c => c switch
    {
        EventCondition e => [e.Event.Name],
        SequenceCondition s => [s.First.Name, s.Then.Name],
        FunnelCondition f => [.. f.Funnel.EventNames()],
        _ => [],
    });

    /// <summary>
    /// The event property names the definition reads — in property filters, aggregates and sequence keys — plus those
    /// of the data-defined computed traits it uses (found in <paramref name="computedTraits"/>): the only properties
    /// that must be kept with a profile's events to evaluate it.
    /// </summary>
    public IReadOnlyList<string> PropertyNames(IEnumerable<ComputedTraitDefinition> computedTraits)
    {
        ArgumentNullException.ThrowIfNull(computedTraits);
        var byName = new Dictionary<string, ComputedTraitDefinition>(StringComparer.Ordinal);
        foreach (var definition in computedTraits)
            byName.TryAdd(definition.Name, definition);
        return ConditionWalker.Collect(Condition, c => c switch
        {
            EventCondition e => [.. e.Event.Where.Select(w => w.Property), .. e.Aggregate?.Property is { } p ? [p] : Array.Empty<string>()],
            SequenceCondition s => [.. s.First.Where.Select(w => w.Property), .. s.Then.Where.Select(w => w.Property), .. s.Key is { } k ? [k] : Array.Empty<string>()],
            ComputedCondition computed when byName.TryGetValue(computed.Name, out var trait) => trait.PropertyNames(),
            FunnelCondition f => [.. f.Funnel.PropertyNames()],
            _ => [],
        });
    }

    /// <summary>
    /// <see cref="EventNames()"/>, plus the event names of the data-defined computed traits the definition uses
    /// (those found in <paramref name="computedTraits"/>).
    /// </summary>
    public IReadOnlyList<string> EventNames(IEnumerable<ComputedTraitDefinition> computedTraits)
    {
        ArgumentNullException.ThrowIfNull(computedTraits);
        var byName = new Dictionary<string, ComputedTraitDefinition>(StringComparer.Ordinal);
        foreach (var definition in computedTraits)
            byName.TryAdd(definition.Name, definition);
        return ConditionWalker.Collect(Condition, c => c switch
        {
            EventCondition e => [e.Event.Name],
            SequenceCondition s => [s.First.Name, s.Then.Name],
            ComputedCondition computed when byName.TryGetValue(computed.Name, out var trait) => [trait.Event.Name],
            FunnelCondition f => [.. f.Funnel.EventNames()],
            _ => [],
        });
    }
}
