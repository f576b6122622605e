using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// The value of a data-defined computed trait during evaluation: a number for the number functions, or an event
/// property's JSON value for first, last and mostFrequent (a default element when there is none).
/// </summary>
internal readonly record struct ComputedScalar(decimal? Number, EventValue Element)
{
    /// <summary>Whether two values are the same: numbers by value, property values by <see cref="ScalarKey"/>.</summary>
    public bool SameAs(ComputedScalar other) =>
        Number == other.Number && ScalarKey.TryOf(Element, out var a) == ScalarKey.TryOf(other.Element, out var b) && a == b;

    /// <summary>The public form (see <see cref="ComputedTraitResult.Value"/>).</summary>
    public object? ToValue(ComputedKind kind)
    {
        if (kind == ComputedKind.Number)
            return Number;
        switch (Element.Kind)
        {
            case EventValueKind.Number:
                return Element.TryGetDecimal(out var number) ? number : Element.TryGetDouble(out var d) ? d : null;
            case EventValueKind.String:
                var text = Element.String!;
                return IsoDate.TryParse(text, out var date) ? date : text;
            case EventValueKind.True or EventValueKind.False:
                return Element.Kind == EventValueKind.True;
            default:
                return null;
        }
    }
}

/// <summary>
/// A scalar JSON value as a key, for mostFrequent and uniqueCount: strings exactly (case-sensitive), numbers by
/// value (1 and 1.0 are the same; the string "1" is not), true and false. Null, objects and lists have no key.
/// </summary>
internal readonly record struct ScalarKey(EventValueKind Kind, string? Text, decimal Number)
{
    public static bool TryOf(EventValue value, out ScalarKey key)
    {
        switch (value.Kind)
        {
            case EventValueKind.String:
                key = new ScalarKey(EventValueKind.String, value.String, 0);
                return true;
            case EventValueKind.Number:
                key = value.TryGetDecimal(out var number)
                    ? new ScalarKey(EventValueKind.Number, null, number)
                    : new ScalarKey(EventValueKind.Number, value.ToJson(), 0);
                return true;
            case EventValueKind.True or EventValueKind.False:
                key = new ScalarKey(value.Kind, null, 0);
                return true;
            default:
                key = default;
                return false;
        }
    }
}
