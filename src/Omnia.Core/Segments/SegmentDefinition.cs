using System.Text.Json.Serialization;

namespace Omnia.Core.Segments;

/// <summary>
/// A segment as data: a name, a description and a boolean tree of conditions, stored as versioned JSON
/// (<c>{"version":1,"name":"…","description":"…","condition":{…}}</c>). Read and check one with
/// <see cref="Parse"/>, write it with <see cref="ToJson"/>, evaluate it with <see cref="SegmentEvaluator"/>.
/// Compares by value.
/// </summary>
[JsonConverter(typeof(SegmentDefinitionJsonConverter))]
public sealed record SegmentDefinition(string Name, string? Description, Condition Condition)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Conditions may nest this deep (the root condition is level 1).</summary>
    public const int MaxDepth = 32;

    /// <summary>Always <see cref="CurrentVersion"/>; older versions are upgraded when read.</summary>
    public int Version => CurrentVersion;

    /// <summary>
    /// Reads and checks a definition. Never throws for bad input: the result holds either the definition or
    /// every problem found, each with its JSON path and a message a person can act on.
    /// </summary>
    public static SegmentParseResult Parse(string json) => SegmentJsonReader.Read(json);

    /// <summary>The definition as JSON (camelCase), in the canonical form <see cref="Parse"/> reads back to an equal definition.</summary>
    public string ToJson(bool indented = false) => SegmentJsonWriter.Write(this, indented);

    /// <summary>
    /// Checks a definition built in code the same way <see cref="Parse"/> checks JSON; empty when valid.
    /// </summary>
    public IReadOnlyList<SegmentError> Validate() => Parse(ToJson()).Errors;

    /// <summary>The slugs of the segments this one refers to, each once, for dependency order and cycle checks.</summary>
    public IReadOnlyList<string> ReferencedSegments() => ConditionWalker.Collect(Condition, static c =>
        c is InSegmentCondition s ? [s.Slug] : []);

    /// <summary>
    /// The event names this definition looks at, each once: an arriving event with another name can change
    /// membership only through the profile's traits, consent and computed basics.
    /// </summary>
    public IReadOnlyList<string> EventNames() => ConditionWalker.Collect(Condition, static c => c switch
    {
        EventCondition e => [e.Event.Name],
        SequenceCondition s => [s.First.Name, s.Then.Name],
        _ => [],
    });
}
