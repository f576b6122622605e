using System.Text.Json;

namespace Omnia.Core.Segments;

/// <summary>Operators, values, durations, dates and the error plumbing of <see cref="SegmentJsonReader"/>.</summary>
internal sealed partial class SegmentJsonReader
{
    private static readonly ComparisonOp[] AllComparisons = Enum.GetValues<ComparisonOp>();

    private static readonly ComparisonOp[] PropertyComparisons =
        Array.FindAll(AllComparisons, op => op is not (ComparisonOp.WithinLast or ComparisonOp.InNext));

    private const int MaxSlugLength = 64;

    private ComparisonOp? ReadOp(JsonElement element, string path, IReadOnlyList<ComparisonOp> allowed, string notAllowedReason)
    {
        var opPath = Join(path, "op");
        var words = SegmentWords.OneOf(allowed.Select(SegmentWords.Word));
        if (!element.TryGetProperty("op", out var opElement))
        {
            Error(opPath, $"required; use one of {words}");
            return null;
        }
        var word = opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : null;
        if (word is null || !SegmentWords.TryParse(word, out var op))
        {
            Error(opPath, $"{Describe(opElement)} is not one of {words}");
            return null;
        }
        if (!allowed.Contains(op))
        {
            Error(opPath, $"'{word}'{notAllowedReason}; use one of {words}");
            return null;
        }
        return op;
    }

    /// <summary>Reads <paramref name="key"/> as one of <paramref name="words"/>; the index, or null after an error.</summary>
    private int? ReadWord(JsonElement element, string path, string key, string[] words)
    {
        var wordPath = Join(path, key);
        if (!element.TryGetProperty(key, out var wordElement))
        {
            Error(wordPath, $"required; use one of {SegmentWords.OneOf(words)}");
            return null;
        }
        var index = wordElement.ValueKind == JsonValueKind.String ? Array.IndexOf(words, wordElement.GetString()) : -1;
        if (index < 0)
        {
            Error(wordPath, $"{Describe(wordElement)} is not one of {SegmentWords.OneOf(words)}");
            return null;
        }
        return index;
    }

    /// <summary>The typed value <paramref name="op"/> needs; null (and maybe an error) otherwise.</summary>
    private Literal? ReadOperand(JsonElement element, string path, ComparisonOp op)
    {
        var valuePath = Join(path, "value");
        var word = SegmentWords.Word(op);
        var has = element.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null;
        if (op is ComparisonOp.Exists or ComparisonOp.NotExists)
        {
            if (has)
                Error(valuePath, $"{word} takes no value; remove 'value'");
            return null;
        }
        if (!has)
        {
            Error(valuePath, $"required for {word}: {OperandHint(op)}");
            return null;
        }

        switch (op)
        {
            case ComparisonOp.Equal or ComparisonOp.NotEqual:
                return ReadScalar(value, valuePath, word);
            case ComparisonOp.Contains or ComparisonOp.StartsWith:
                if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
                    return new StringLiteral(value.GetString()!);
                Error(valuePath, $"{Describe(value)} is not text; {word} needs non-empty text");
                return null;
            case ComparisonOp.In:
                return ReadList(value, valuePath);
            case ComparisonOp.GreaterThan or ComparisonOp.GreaterOrEqual or ComparisonOp.LessThan or ComparisonOp.LessOrEqual:
                if (value.ValueKind == JsonValueKind.Number)
                    return ReadNumber(value, valuePath);
                if (value.ValueKind == JsonValueKind.String && IsoDate.TryParse(value.GetString(), out var date))
                    return new DateLiteral(date);
                Error(valuePath, $"{Describe(value)} is neither a number nor a date; {word} needs a number, or {IsoDate.Hint}");
                return null;
            case ComparisonOp.Before or ComparisonOp.After:
                return ReadDate(value, valuePath) is { } instant ? new DateLiteral(instant) : null;
            default:
                return ReadDuration(value, valuePath) is { } duration ? new DurationLiteral(duration) : null;
        }
    }

    private static string OperandHint(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal or ComparisonOp.NotEqual => "a string, number or boolean",
        ComparisonOp.Contains or ComparisonOp.StartsWith => "the text to look for",
        ComparisonOp.In => "a list such as [\"gold\",\"platinum\"]",
        ComparisonOp.Before or ComparisonOp.After => IsoDate.Hint,
        ComparisonOp.WithinLast or ComparisonOp.InNext => $"a duration; {SegmentDuration.Hint}",
        _ => $"a number, or {IsoDate.Hint}",
    };

    internal Literal? ReadScalar(JsonElement value, string path, string word)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new StringLiteral(value.GetString()!);
            case JsonValueKind.Number:
                return ReadNumber(value, path);
            case JsonValueKind.True or JsonValueKind.False:
                return new BooleanLiteral(value.GetBoolean());
            default:
                Error(path, $"{word} compares with a string, number or boolean, not {Describe(value)}");
                return null;
        }
    }

    private ListLiteral? ReadList(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Error(path, $"in needs a non-empty list such as [\"gold\",\"platinum\"], not {Describe(value)}");
            return null;
        }
        var items = new List<Literal>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadScalar(item, $"{path}[{index++}]", "in") is { } literal)
                items.Add(literal);
        }
        return items.Count == index ? new ListLiteral(items) : null;
    }

    private NumberLiteral? ReadNumber(JsonElement value, string path)
    {
        if (value.TryGetDecimal(out var number))
            return new NumberLiteral(number);
        Error(path, $"{Describe(value)} is too large a number");
        return null;
    }

    internal SegmentDuration? ReadDuration(JsonElement value, string path)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!SegmentDuration.TryParse(text, out var duration))
        {
            Error(path, $"{Describe(value)} is not a duration; {SegmentDuration.Hint}");
            return null;
        }
        if (duration.Amount <= 0)
        {
            Error(path, $"'{text}' must be longer than zero; {SegmentDuration.Hint}");
            return null;
        }
        if (!duration.IsInRange)
        {
            Error(path, $"'{text}' is too long; durations go up to {SegmentDuration.MaxDays}d");
            return null;
        }
        return duration;
    }

    internal DateTimeOffset? ReadDate(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String && IsoDate.TryParse(value.GetString(), out var date))
            return date;
        Error(path, $"{Describe(value)} is not a date; {IsoDate.Hint}");
        return null;
    }

    internal string? RequiredText(JsonElement element, string path, string key, string hint)
    {
        if (element.TryGetProperty(key, out var value))
            return NonBlankText(value, Join(path, key), hint);
        Error(Join(path, key), $"required: {hint}");
        return null;
    }

    internal string? NonBlankText(JsonElement value, string path, string hint)
    {
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString();
        Error(path, $"{(value.ValueKind == JsonValueKind.String ? "is empty" : $"{Describe(value)} is not text")}; use {hint}");
        return null;
    }

    internal bool ExpectObject(JsonElement value, string path, string example)
    {
        if (value.ValueKind == JsonValueKind.Object)
            return true;
        Error(path, $"must be an object like {example}, not {Describe(value)}");
        return false;
    }

    /// <summary>Reports keys that are not in <paramref name="allowed"/> and keys given twice.</summary>
    internal void CheckKeys(JsonElement element, string path, string[] allowed)
    {
        HashSet<string>? seen = null;
        foreach (var property in element.EnumerateObject())
        {
            var keyPath = Join(path, property.Name);
            if (Array.IndexOf(allowed, property.Name) < 0)
                Error(keyPath, $"unknown key{Suggestion(property.Name, allowed)}; expected {SegmentWords.OneOf(allowed)}");
            else if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Name))
                Error(keyPath, "appears twice; keep one");
        }
    }

    private static string Suggestion(string key, string[] allowed) =>
        Array.Find(allowed, word => string.Equals(word, key, StringComparison.OrdinalIgnoreCase)) is { } match
            ? $" (did you mean '{match}'?)"
            : "";

    internal static bool IsSlug(string slug)
    {
        if (slug.Length is 0 or > MaxSlugLength || slug[0] == '-' || slug[^1] == '-' || slug.Contains("--", StringComparison.Ordinal))
            return false;
        foreach (var c in slug)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                return false;
        }
        return true;
    }

    /// <summary>How an unexpected value reads in a message: <c>'text'</c>, <c>42</c>, <c>true</c>, <c>null</c>, <c>a list</c>, <c>an object</c>.</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{Shorten(value.GetString()!)}'",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        _ => "an object",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    internal void Error(string path, string message) => _errors.Add(new SegmentError(path, message));

    private static string NotJson(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"not valid JSON at line {line + 1}, position {position + 1}: {message}"
            : $"not valid JSON: {message}";
    }
}
