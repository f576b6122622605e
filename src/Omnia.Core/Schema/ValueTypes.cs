using System.Text.Json;

namespace Omnia.Core.Schema;

/// <summary>The names of the JSON value types a schema reports, and <see cref="Date"/>, which definitions can imply.</summary>
public static class ValueTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Boolean = "boolean";
    public const string Object = "object";
    public const string Array = "array";

    /// <summary>Not a JSON type: a definition compares the value as a date, so it is an ISO-8601 string.</summary>
    public const string Date = "date";

    /// <summary>The type name of a JSON value; null for null (and undefined).</summary>
    public static string? Of(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => String,
        JsonValueKind.Number => Number,
        JsonValueKind.True or JsonValueKind.False => Boolean,
        JsonValueKind.Object => Object,
        JsonValueKind.Array => Array,
        _ => null,
    };
}
