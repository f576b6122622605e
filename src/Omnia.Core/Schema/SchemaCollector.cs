using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Core.Schema;

/// <summary>
/// Reads events one by one and keeps what a segment builder's pickers need: event names with their call types and
/// properties, and trait names, each with value types and frequent values (<see cref="ObservedSchema"/>). Memory is
/// bounded whatever the events hold: at most <see cref="MaxEvents"/> event names, <see cref="MaxProperties"/>
/// properties per event, <see cref="MaxTraits"/> traits and 50 candidate values per field; names past a cap are
/// counted as truncation, not kept.
/// </summary>
public sealed class SchemaCollector
{
    public const int MaxEvents = 500;
    public const int MaxProperties = 200;
    public const int MaxTraits = 500;

    private readonly Dictionary<string, EventTally> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldTally> _traits = new(StringComparer.Ordinal);
    private int _read;
    private DateTimeOffset? _oldest;
    private DateTimeOffset? _newest;
    private bool _truncated;

    /// <summary>Adds one logged event. Events that are not valid JSON objects are skipped.</summary>
    public void Add(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        _read++;
        if (_oldest is null || logEvent.Timestamp < _oldest)
            _oldest = logEvent.Timestamp;
        if (_newest is null || logEvent.Timestamp > _newest)
            _newest = logEvent.Timestamp;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(logEvent.Json);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return;
            if (logEvent.Type is EventType.Track or EventType.Page or EventType.Screen && !string.IsNullOrEmpty(logEvent.Name))
                AddEvent(logEvent.Name, EventTypes.Name(logEvent.Type), root);
            if (logEvent.Type == EventType.Identify && root.TryGetProperty("traits", out var traits))
                AddTraits(traits);
            if (root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
                && context.TryGetProperty("traits", out var contextTraits))
                AddTraits(contextTraits);
        }
    }

    /// <summary>What was read, with <paramref name="limit"/> and <paramref name="complete"/> describing the sample.</summary>
    public ObservedSchema Build(int limit, bool complete) => new(
        _events.Values.Select(e => e.ToEvent()).OrderByDescending(e => e.Count).ThenBy(e => e.Name, StringComparer.Ordinal).ToList(),
        _traits.Values.Select(t => t.ToField()).OrderByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal).ToList(),
        new SchemaSample(_read, limit, complete, _oldest, _newest, _truncated));

    private void AddEvent(string name, string type, JsonElement root)
    {
        if (!_events.TryGetValue(name, out var tally))
        {
            if (_events.Count >= MaxEvents)
            {
                _truncated = true;
                return;
            }

            tally = new EventTally(name);
            _events[name] = tally;
        }

        tally.Count++;
        tally.Types.Add(type);
        if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
                AddField(tally.Properties, property, MaxProperties);
        }
    }

    private void AddTraits(JsonElement traits)
    {
        if (traits.ValueKind != JsonValueKind.Object)
            return;
        foreach (var trait in traits.EnumerateObject())
            AddField(_traits, trait, MaxTraits);
    }

    private void AddField(Dictionary<string, FieldTally> fields, JsonProperty property, int max)
    {
        if (ValueTypes.Of(property.Value.ValueKind) is null)
            return;
        if (!fields.TryGetValue(property.Name, out var field))
        {
            if (fields.Count >= max)
            {
                _truncated = true;
                return;
            }

            field = new FieldTally(property.Name);
            fields[property.Name] = field;
        }

        field.Add(property.Value);
    }

    /// <summary>One event name's count, call types and properties.</summary>
    private sealed class EventTally(string name)
    {
        public long Count { get; set; }

        public SortedSet<string> Types { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FieldTally> Properties { get; } = new(StringComparer.Ordinal);

        public ObservedEvent ToEvent() => new(
            name,
            Types.ToList(),
            Count,
            Properties.Values.Select(p => p.ToField()).OrderByDescending(p => p.Count).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(),
            false);
    }
}
