using System.Text.Json.Serialization;

namespace Omnia.Core.Segments;

/// <summary>
/// A workspace's own computed trait, defined as data: a function over the events matching a filter within a
/// window, such as "sum of revenue of Order Completed in the last 90 days":
/// <c>{"version":1,"name":"revenue90d","event":{"name":"Order Completed"},"fn":"sum","property":"revenue","window":{"last":"90d"}}</c>.
/// Segments compare it with <c>{"computed":{"name":"revenue90d","op":"gte","value":500}}</c> once the definition is
/// in <see cref="AudienceContext"/>. Compares by value.
/// </summary>
/// <param name="Name">Starts with a lowercase letter, then letters, digits or underscores, at most 64 characters; not a built-in name (<see cref="ComputedTraits.Names"/>).</param>
/// <param name="Event">Which events count (name, type, property filters), as in event conditions.</param>
/// <param name="Property">The top-level event property the function reads; null for <see cref="ComputedTraitFunction.Count"/>, required otherwise.</param>
/// <param name="Window">Which events count by time: ever, the last d (moving, so the value changes as events age out) or fixed dates.</param>
[JsonConverter(typeof(ComputedTraitDefinitionJsonConverter))]
public sealed record ComputedTraitDefinition(
    string Name,
    string? Description,
    EventFilter Event,
    ComputedTraitFunction Function,
    string? Property,
    EventWindow Window)
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="CurrentVersion"/>.</summary>
    public int Version => CurrentVersion;

    /// <summary>
    /// What the value is: a number for count, sum, avg, min, max and uniqueCount; for first, last and
    /// mostFrequent, <see cref="ComputedKind.Any"/>: the property's own value, compared the way traits are.
    /// </summary>
    public ComputedKind Kind => Function is ComputedTraitFunction.First or ComputedTraitFunction.Last or ComputedTraitFunction.MostFrequent
        ? ComputedKind.Any
        : ComputedKind.Number;

    /// <summary>The event property names the definition reads: its filters' and the property it folds.</summary>
    public string[] PropertyNames() => [.. Event.Where.Select(w => w.Property), .. Property is { } p ? [p] : Array.Empty<string>()];

    /// <summary>Whether some profiles have no value (avg, min and max of nothing; first, last, mostFrequent of nothing).</summary>
    internal bool IsOptional => Function is not (ComputedTraitFunction.Count or ComputedTraitFunction.Sum or ComputedTraitFunction.UniqueCount);

    /// <summary>
    /// Reads and checks a definition. Never throws for bad input: the result holds either the definition or every
    /// problem found, each with its JSON path.
    /// </summary>
    public static ComputedTraitParseResult Parse(string json) => SegmentJsonReader.ReadComputedTrait(json);

    /// <summary>The definition as JSON, in the canonical form <see cref="Parse"/> reads back to an equal definition.</summary>
    public string ToJson(bool indented = false) => SegmentJsonWriter.Write(this, indented);

    /// <summary>Checks a definition built in code the same way <see cref="Parse"/> checks JSON; empty when valid.</summary>
    public IReadOnlyList<SegmentError> Validate() => Parse(ToJson()).Errors;

    /// <summary>
    /// The value for one profile at <paramref name="now"/> and the earliest later instant at which it changes
    /// from time alone (see <see cref="ComputedTraitResult"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The definition is invalid, or the events are not in timestamp order.</exception>
    public ComputedTraitResult Evaluate(ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        facts.CheckEventOrder(nameof(facts));
        return CompiledComputedTrait.Of(this).Value(facts.EventSpan, now);
    }
}
