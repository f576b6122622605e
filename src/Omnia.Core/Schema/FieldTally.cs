using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Schema;

/// <summary>
/// What one property or trait held across the events read: how often each JSON type, and how often each of its
/// first <see cref="MaxCandidates"/> distinct short values, so the examples are the most frequent ones in bounded memory.
/// </summary>
internal sealed class FieldTally(string name)
{
    internal const int MaxCandidates = 50;
    internal const int MaxExamples = 5;
    internal const int MaxExampleLength = 100;

    private readonly Dictionary<string, long> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JsonElement Value, long Count)> _values = new(StringComparer.Ordinal);
    private long _count;
    private long _strings;
    private long _dates;

    public string Name { get; } = name;

    public void Add(JsonElement value)
    {
        if (ValueTypes.Of(value.ValueKind) is not { } type)
            return;
        _count++;
        _types[type] = _types.GetValueOrDefault(type) + 1;
        if (value.ValueKind == JsonValueKind.String)
        {
            _strings++;
            // Only while every string so far was a date: a field is a date field when all of its strings are.
            if (_dates == _strings - 1 && IsoDate.TryParse(value.GetString(), out _))
                _dates++;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            return;
        var raw = value.GetRawText();
        if (raw.Length > MaxExampleLength + 2)
            return;
        if (_values.TryGetValue(raw, out var seen))
            _values[raw] = (seen.Value, seen.Count + 1);
        else if (_values.Count < MaxCandidates)
            _values[raw] = (value.Clone(), 1);
    }

    public ObservedField ToField() => new(
        Name,
        _types.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).ToList(),
        _count,
        _values.Values.OrderByDescending(v => v.Count).Take(MaxExamples).Select(v => v.Value).ToList(),
        _strings > 0 && _dates == _strings,
        false);
}
