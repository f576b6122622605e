using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnia.Core.Journeys;

/// <summary>
/// How many times an instance arrived at each step, as a small immutable list (instances visit few steps, and a
/// million of them wait at once). Serialises as a JSON object: <c>{"wait-for-order":1,"remind":1}</c>.
/// </summary>
[JsonConverter(typeof(VisitCountsJsonConverter))]
public sealed class VisitCounts : IReadOnlyCollection<KeyValuePair<string, int>>, IEquatable<VisitCounts>
{
    private readonly KeyValuePair<string, int>[] _counts;

    private VisitCounts(KeyValuePair<string, int>[] counts) => _counts = counts;

    /// <summary>No visits.</summary>
    public static VisitCounts Empty { get; } = new([]);

    public int Count => _counts.Length;

    /// <summary>Builds counts from pairs (as read from storage); later pairs for the same step replace earlier ones.</summary>
    public static VisitCounts From(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var result = Empty;
        foreach (var (node, count) in counts)
            result = result.With(node, count);
        return result;
    }

    /// <summary>The number of visits to <paramref name="node"/>, 0 when none.</summary>
    public int Of(string node)
    {
        foreach (var (id, count) in _counts)
        {
            if (id == node)
                return count;
        }
        return 0;
    }

    /// <summary>These counts with one more visit to <paramref name="node"/>.</summary>
    public VisitCounts Increment(string node) => With(node, Of(node) + 1);

    /// <summary>The ids of the steps visited at least once, in the order first visited.</summary>
    public IReadOnlyList<string> Nodes => Array.ConvertAll(_counts, c => c.Key);

    private VisitCounts With(string node, int count)
    {
        var index = Array.FindIndex(_counts, c => c.Key == node);
        var copy = index >= 0 ? (KeyValuePair<string, int>[])_counts.Clone() : [.. _counts, default];
        copy[index >= 0 ? index : copy.Length - 1] = new KeyValuePair<string, int>(node, count);
        return new VisitCounts(copy);
    }

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, int>>)_counts).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(VisitCounts? other) => other is not null && _counts.AsSpan().SequenceEqual(other._counts);

    public override bool Equals(object? obj) => Equals(obj as VisitCounts);

    public override int GetHashCode() => _counts.Length == 0 ? 0 : HashCode.Combine(_counts.Length, _counts[^1]);
}

/// <summary>Writes <see cref="VisitCounts"/> as <c>{"step":n,…}</c> and reads it back.</summary>
internal sealed class VisitCountsJsonConverter : JsonConverter<VisitCounts>
{
    public override VisitCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("Visit counts must be an object of step ids and counts.");
        // In document order, so a stored instance reads back equal to the one written.
        return VisitCounts.From(document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())));
    }

    public override void Write(Utf8JsonWriter writer, VisitCounts value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (node, count) in value)
            writer.WriteNumber(node, count);
        writer.WriteEndObject();
    }
}
