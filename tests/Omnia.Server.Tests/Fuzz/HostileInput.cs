using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omnia.Server.Tests.Fuzz;

/// <summary>
/// Deterministic generator of hostile input (fixed seed): odd scalars, malformed and deeply nested JSON, wrong types,
/// mutations of valid documents, and byte-level corruption (invalid UTF-8, truncation, NUL bytes).
/// </summary>
public sealed class HostileInput(int seed)
{
    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>Strings that have broken parsers, formatters, SQL, paths and templates somewhere.</summary>
    public static readonly string[] Strings =
    [
        "", " ", "\t\r\n", "null", "undefined", "NaN", "Infinity", "-Infinity", "true", "0", "-0", "1e400", "-1e400", "1e30",
        "79228162514264337593543950336", "9223372036854775808", "-9223372036854775809", "0x1F", "1,5", "١٢٣",
        "'", "\"", "\\", "\\\\", "%", "%s%s%s%n", "{0}", "{{x}}", "{% raw %}", "${7*7}", "<script>alert(1)</script>", "&amp;",
        "' OR 1=1 --", "\"; DROP TABLE events; --", "../../../../etc/passwd", "..\\..\\windows", "/", "//evil.example", "http://", "javascript:alert(1)",
        "\u0000", "a\u0000b", "\u202e", "\ufeff", "\ud83d\ude00", "𝕏𝕐", "é", "e\u0301", "\u200b", new string('a', 5_000), new string('x', 40_000),
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "1969-12-31T23:59:59Z", "2024-02-30T00:00:00Z", "2024-01-01", "-1", "+1d", "1000000000d",
        "99999999999999999999h", "0d", "-5m", "30d", "12h", "15m", "*", "?", "[", "]", "(", "\\d+", "^$", ".*", "(a+)+$", "a|b|c",
        "__proto__", "constructor", "prototype", "$ref", "$type", "default", "owner", "admin", "*.*", "@", "@@", "#", "&", "=", "+", ";", ",",
    ];

    /// <summary>JSON values of every kind, including ones most code does not expect.</summary>
    public static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "0.5", "1e30", "-1e30", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
        "9223372036854775807", "18446744073709551616", "[]", "{}", "[null]", "[[[]]]", "{\"\":\"\"}", "\"\"", "\"\\udc00\"", "\"\\ud800\\ud800\"",
        "\"\\u0000\"", "\"a\\\\b\"", "[1,\"a\",null,{}]", "{\"__proto__\":{\"x\":1}}", "\"1e30\"", "\"2024-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A hostile string, sometimes combined from two.</summary>
    public string String() => Chance(0.2) ? Pick(Strings) + Pick(Strings) : Pick(Strings);

    /// <summary>A hostile JSON value (as text).</summary>
    public string Value() => _random.Next(6) switch
    {
        0 => JsonSerializer.Serialize(String()),
        1 => Nested(_random.Next(1, 200)),
        2 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 50)).Select(_ => Pick(JsonValues))) + "]",
        _ => Pick(JsonValues),
    };

    /// <summary>Arrays or objects nested <paramref name="depth"/> deep.</summary>
    public string Nested(int depth)
    {
        bool objects = Chance(0.5);
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }

        text.Append(Pick(JsonValues));
        for (int i = 0; i < depth; i++)
        {
            text.Append(objects ? '}' : ']');
        }

        return text.ToString();
    }

    /// <summary>A mutation of a valid JSON document: values swapped for hostile ones, keys dropped or added, types changed.</summary>
    public string Mutate(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        // Hostile values go in as placeholders and are spliced in as raw text afterwards: some (a lone surrogate)
        // cannot pass through System.Text.Json at all, which is the point.
        var raw = new List<string>();
        JsonNode Placeholder(string value)
        {
            raw.Add(value);
            return JsonValue.Create($"@@fuzz{raw.Count - 1}@@");
        }

        int changes = _random.Next(1, 4);
        for (int i = 0; i < changes; i++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            if (nodes.Count == 0)
            {
                break;
            }

            var target = Pick(nodes);
            var parent = target.Parent;
            var replacement = Placeholder(Value());
            switch (parent)
            {
                case JsonObject obj:
                    string key = target.GetPropertyName();
                    if (Chance(0.2))
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        obj[key] = replacement;
                        if (Chance(0.15))
                        {
                            obj[String()] = Placeholder(Value());
                        }
                    }

                    break;
                case JsonArray array:
                    int index = target.GetElementIndex();
                    array[index] = replacement;
                    if (Chance(0.2))
                    {
                        array.Add(Placeholder(Value()));
                    }

                    break;
                default:
                    root = replacement;
                    break;
            }
        }

        string text = root?.ToJsonString() ?? "null";
        for (int i = raw.Count - 1; i >= 0; i--)
        {
            text = text.Replace($"\"@@fuzz{i}@@\"", raw[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null || into.Count > 500)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, into);
                }

                break;
        }
    }

    /// <summary>A body: a mutated template, a raw hostile value, or bytes corrupted in one of several ways.</summary>
    public byte[] Body(string template)
    {
        string text = _random.Next(10) switch
        {
            < 5 => Mutate(template),
            5 => Value(),
            6 => template[..Math.Max(0, _random.Next(template.Length))],
            7 => template.Replace("\"", Chance(0.5) ? "'" : "", StringComparison.Ordinal),
            8 => Nested(_random.Next(60, 3000)),
            _ => template,
        };
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return _random.Next(8) switch
        {
            0 when bytes.Length > 0 => Corrupt(bytes),
            1 => [0xEF, 0xBB, 0xBF, .. bytes],
            2 when bytes.Length > 2 => InsertNul(bytes),
            _ => bytes,
        };
    }

    private byte[] Corrupt(byte[] bytes)
    {
        var copy = bytes.ToArray();
        int count = _random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            copy[_random.Next(copy.Length)] = Pick<byte>([0xFF, 0xFE, 0xC3, 0x80, 0xED, 0xA0, 0xF4, 0x90]);
        }

        return copy;
    }

    private byte[] InsertNul(byte[] bytes)
    {
        int at = _random.Next(bytes.Length);
        return [.. bytes[..at], 0, .. bytes[at..]];
    }
}
