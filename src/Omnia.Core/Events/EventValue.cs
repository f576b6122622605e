using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Events;

/// <summary>
/// A JSON value taken out of an event — a trait or an event property — held compactly so that millions of them
/// can live in memory: no <see cref="JsonDocument"/> behind it. Scalars are typed (numbers as <see cref="decimal"/>),
/// lists keep their items, and objects keep their JSON text. <c>default</c> is "undefined" (absent).
/// </summary>
[JsonConverter(typeof(EventValueJsonConverter))]
public readonly struct EventValue : IEquatable<EventValue>
{
    private readonly object? _ref;
    private readonly decimal _number;

    private EventValue(EventValueKind kind, decimal number, object? reference)
    {
        Kind = kind;
        _number = number;
        _ref = reference;
    }

    /// <summary>JSON null.</summary>
    public static EventValue Null { get; } = new(EventValueKind.Null, 0, null);

    public static EventValue True { get; } = new(EventValueKind.True, 0, null);

    public static EventValue False { get; } = new(EventValueKind.False, 0, null);

    public EventValueKind Kind { get; }

    /// <summary>Present and not null.</summary>
    public bool IsPresent => Kind is not (EventValueKind.Undefined or EventValueKind.Null);

    /// <summary>The text of a string value; null for other kinds.</summary>
    public string? String => Kind == EventValueKind.String ? (string)_ref! : null;

    /// <summary>The items of a list value; empty for other kinds.</summary>
    public IReadOnlyList<EventValue> Items => Kind == EventValueKind.Array ? (EventValue[])_ref! : [];

    public static EventValue Of(string text) => new(EventValueKind.String, 0, text ?? throw new ArgumentNullException(nameof(text)));

    public static EventValue Of(decimal number) => new(EventValueKind.Number, number, null);

    public static EventValue Of(bool value) => value ? True : False;

    /// <summary>A list of values.</summary>
    public static EventValue List(IEnumerable<EventValue> items) => new(EventValueKind.Array, 0, items.ToArray());

    /// <summary>A number given as JSON text, kept as text when it is beyond <see cref="decimal"/>'s range (e.g. <c>1e30</c>).</summary>
    public static EventValue Number(string jsonNumber) =>
        decimal.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Of(d)
            : new EventValue(EventValueKind.Number, 0, jsonNumber);

    /// <summary>An object value from its JSON text (which must be a valid JSON object).</summary>
    public static EventValue ObjectFromJson(string json) => new(EventValueKind.Object, 0, json ?? throw new ArgumentNullException(nameof(json)));

    /// <summary>Copies a JSON element (any kind) out of its document.</summary>
    public static EventValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Of(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetDecimal(out var number) ? Of(number) : new EventValue(EventValueKind.Number, 0, element.GetRawText());
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.Array:
                var items = new EventValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    items[i++] = FromJson(item);
                return new EventValue(EventValueKind.Array, 0, items);
            case JsonValueKind.Object:
                return new EventValue(EventValueKind.Object, 0, element.GetRawText());
            default:
                return default;
        }
    }

    /// <summary>An exact number (a JSON number within <see cref="decimal"/>'s range); strings do not count.</summary>
    public bool TryGetDecimal(out decimal number)
    {
        number = _number;
        return Kind == EventValueKind.Number && _ref is null;
    }

    /// <summary>A number as a double, also beyond <see cref="decimal"/>'s range.</summary>
    public bool TryGetDouble(out double number)
    {
        if (Kind == EventValueKind.Number)
        {
            if (_ref is null)
            {
                number = (double)_number;
                return true;
            }

            return double.TryParse((string)_ref, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
        }

        number = 0;
        return false;
    }

    /// <summary>The JSON text of an object value; null for other kinds.</summary>
    public string? ObjectJson => Kind == EventValueKind.Object ? (string)_ref! : null;

    /// <summary>Writes the value as JSON (undefined is written as null).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case EventValueKind.String:
                writer.WriteStringValue((string)_ref!);
                break;
            case EventValueKind.Number:
                if (_ref is string raw)
                    writer.WriteRawValue(raw, skipInputValidation: true);
                else
                    writer.WriteNumberValue(_number);
                break;
            case EventValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case EventValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case EventValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in (EventValue[])_ref!)
                    item.WriteTo(writer);
                writer.WriteEndArray();
                break;
            case EventValueKind.Object:
                writer.WriteRawValue((string)_ref!, skipInputValidation: true);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>The value as a JSON element of its own small document (for APIs, not hot paths).</summary>
    public JsonElement ToJsonElement()
    {
        if (Kind == EventValueKind.Undefined)
            return default;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
            WriteTo(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The value as JSON text.</summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
            WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Strings as their text, other values as JSON.</summary>
    public override string ToString() => Kind switch
    {
        EventValueKind.Undefined => "",
        EventValueKind.String => (string)_ref!,
        _ => ToJson(),
    };

    /// <summary>Same kind and value: strings exactly, numbers by value (1 and 1.0 are equal), lists item by item, objects by JSON text.</summary>
    public bool Equals(EventValue other)
    {
        if (Kind != other.Kind)
            return false;
        switch (Kind)
        {
            case EventValueKind.String:
            case EventValueKind.Object:
                return string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal);
            case EventValueKind.Number:
                return _ref is null && other._ref is null ? _number == other._number : Equals(_ref, other._ref);
            case EventValueKind.Array:
                return ((EventValue[])_ref!).AsSpan().SequenceEqual((EventValue[])other._ref!);
            default:
                return true;
        }
    }

    public override bool Equals(object? obj) => obj is EventValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        EventValueKind.String or EventValueKind.Object => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_ref!)),
        EventValueKind.Number => _ref is null ? HashCode.Combine(Kind, _number) : HashCode.Combine(Kind, _ref),
        EventValueKind.Array => HashCode.Combine(Kind, ((EventValue[])_ref!).Length),
        _ => (int)Kind,
    };

    public static bool operator ==(EventValue left, EventValue right) => left.Equals(right);

    public static bool operator !=(EventValue left, EventValue right) => !left.Equals(right);
}

/// <summary>The JSON kinds of an <see cref="EventValue"/>; <see cref="Undefined"/> is an absent value.</summary>
public enum EventValueKind : byte
{
    Undefined,
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
