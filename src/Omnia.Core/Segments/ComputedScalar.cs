using System.Text.Json;

namespace Omnia.Core.Segments;

/// <summary>
/// The value of a data-defined computed trait during evaluation: a number for the number functions, or an event
/// property's JSON value for first, last and mostFrequent (a default element when there is none).
/// </summary>
internal readonly record struct ComputedScalar(decimal? Number, JsonElement Element)
{
    /// <summary>Whether two values are the same: numbers by value, property values by <see cref="ScalarKey"/>.</summary>
    public bool SameAs(ComputedScalar other) =>
        Number == other.Number && ScalarKey.TryOf(Element, out var a) == ScalarKey.TryOf(other.Element, out var b) && a == b;

    /// <summary>The public form (see <see cref="ComputedTraitResult.Value"/>).</summary>
    public object? ToValue(ComputedKind kind)
    {
        if (kind == ComputedKind.Number)
            return Number;
        switch (Element.ValueKind)
        {
            case JsonValueKind.Number:
                return Element.TryGetDecimal(out var number) ? number : Element.GetDouble();
            case JsonValueKind.String:
                var text = Element.GetString()!;
                return IsoDate.TryParse(text, out var date) ? date : text;
            case JsonValueKind.True or JsonValueKind.False:
                return Element.GetBoolean();
            default:
                return null;
        }
    }
}

/// <summary>
/// A scalar JSON value as a key, for mostFrequent and uniqueCount: strings exactly (case-sensitive), numbers by
/// value (1 and 1.0 are the same; the string "1" is not), true and false. Null, objects and lists have no key.
/// </summary>
internal readonly record struct ScalarKey(JsonValueKind Kind, string? Text, decimal Number)
{
    public static bool TryOf(JsonElement value, out ScalarKey key)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                key = new ScalarKey(JsonValueKind.String, value.GetString(), 0);
                return true;
            case JsonValueKind.Number:
                key = value.TryGetDecimal(out var number)
                    ? new ScalarKey(JsonValueKind.Number, null, number)
                    : new ScalarKey(JsonValueKind.Number, value.GetRawText(), 0);
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                key = new ScalarKey(value.ValueKind, null, 0);
                return true;
            default:
                key = default;
                return false;
        }
    }
}
