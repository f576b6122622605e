using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Events;

/// <summary>
/// Some of an event's top-level properties, compactly: a small array of names and values, looked up by a linear
/// scan (events keep only the few properties that definitions read). <c>default</c> has none.
/// </summary>
[JsonConverter(typeof(EventPropertiesJsonConverter))]
public readonly struct EventProperties : IEquatable<EventProperties>
{
    private readonly EventProperty[]? _items;

    public EventProperties(EventProperty[]? items) => _items = items is { Length: > 0 } ? items : null;

    public static EventProperties None => default;

    public int Count => _items?.Length ?? 0;

    /// <summary>The properties in the order they were read.</summary>
    public ReadOnlySpan<EventProperty> Items => _items;

    /// <summary>A property's value, or undefined when absent.</summary>
    public EventValue this[string name]
    {
        get
        {
            if (_items is null)
                return default;
            foreach (ref readonly var item in _items.AsSpan())
            {
                if (ReferenceEquals(item.Name, name) || string.Equals(item.Name, name, StringComparison.Ordinal))
                    return item.Value;
            }

            return default;
        }
    }

    /// <summary>Copies the top-level properties of a JSON object, those that <paramref name="keep"/> accepts (all when null).</summary>
    public static EventProperties FromJson(JsonElement properties, Func<string, bool>? keep = null, Func<string, string>? intern = null)
    {
        if (properties.ValueKind != JsonValueKind.Object)
            return default;
        List<EventProperty>? items = null;
        foreach (var property in properties.EnumerateObject())
        {
            if (keep is not null && !keep(property.Name))
                continue;
            var name = intern is null ? property.Name : intern(property.Name);
            (items ??= []).Add(new EventProperty(name, EventValue.FromJson(property.Value)));
        }

        return new EventProperties(items?.ToArray());
    }

    /// <summary>Items an object built with <paramref name="properties"/> (name, value) pairs, e.g. the context of an API call.</summary>
    public static EventProperties Of(params (string Name, EventValue Value)[] properties) =>
        new(properties.Select(p => new EventProperty(p.Name, p.Value)).ToArray());

    /// <summary>Same names and values in the same order.</summary>
    public bool Equals(EventProperties other) => Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is EventProperties other && Equals(other);

    public override int GetHashCode() => Count;

    public static bool operator ==(EventProperties left, EventProperties right) => left.Equals(right);

    public static bool operator !=(EventProperties left, EventProperties right) => !left.Equals(right);

    /// <summary>The properties as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var item in Items)
        {
            writer.WritePropertyName(item.Name);
            item.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}

/// <summary>One event property: its name and value.</summary>
public readonly record struct EventProperty(string Name, EventValue Value);
