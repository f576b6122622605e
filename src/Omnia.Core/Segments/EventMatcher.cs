using System.Text;
using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Core.Segments;

/// <summary>
/// A compiled <see cref="EventFilter"/>: name (ordinal), type, then property filters looked up by
/// pre-encoded UTF-8 names, so matching an event allocates nothing for the common operators.
/// </summary>
internal sealed class EventMatcher
{
    private readonly string _name;
    private readonly EventType? _type;
    private readonly (byte[] Property, ValueTest Test)[] _where;

    public EventMatcher(EventFilter filter)
    {
        _name = filter.Name;
        _type = filter.Type;
        _where = filter.Where.Select(w => (Encoding.UTF8.GetBytes(w.Property), new ValueTest(w.Op, w.Value))).ToArray();
    }

    public bool Matches(ProfileEvent e)
    {
        if (!string.Equals(e.Name, _name, StringComparison.Ordinal) || (_type is { } type && e.Type != type))
            return false;
        foreach (var (property, test) in _where)
        {
            if (!test.Matches(Property(e.Properties, property)))
                return false;
        }
        return true;
    }

    /// <summary>A top-level property, or a default (undefined) element when absent.</summary>
    public static JsonElement Property(JsonElement properties, ReadOnlySpan<byte> name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) ? value : default;
}
