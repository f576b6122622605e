using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Segments;

/// <summary>
/// Reads the JSON definition format and checks it, collecting every problem with its JSON path rather than
/// stopping at the first, so a person can fix a definition in one pass. Strict about keys (camelCase, no
/// unknown or repeated keys); lenient about comments and trailing commas, since people edit these by hand.
/// </summary>
internal sealed partial class SegmentJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = SegmentDefinition.MaxJsonDepth,
    };

    private static readonly string[] DefinitionKeys = ["version", "name", "description", "condition"];
    private static readonly string[] ComparisonKeys = ["name", "op", "value"];
    private static readonly string[] EventKeys = ["name", "type", "where", "count", "aggregate", "window"];
    private static readonly string[] FilterKeys = ["name", "type", "where"];
    private static readonly string[] WhereKeys = ["property", "op", "value"];
    private static readonly string[] CountKeys = ["op", "value"];
    private static readonly string[] AggregateKeys = ["fn", "property", "op", "value"];
    private static readonly string[] WindowKeys = ["last", "from", "to"];
    private static readonly string[] SequenceKeys = ["first", "then", "within", "did", "key", "window"];
    private static readonly string[] ConsentKeys = ["channel", "subscribed"];
    private static readonly string[] BucketKeys = ["from", "to"];

    private const int MaxNameLength = 200;

    private readonly List<SegmentError> _errors = [];
    private readonly ComputedTraitCatalog _computed;
    private readonly string[] _forbiddenKinds;
    private readonly string? _forbiddenReason;

    /// <param name="computed">The computed trait names conditions may use.</param>
    /// <param name="forbiddenKinds">Condition kinds not allowed here, refused with <paramref name="forbiddenReason"/>.</param>
    internal SegmentJsonReader(ComputedTraitCatalog computed, string[]? forbiddenKinds = null, string? forbiddenReason = null)
    {
        _computed = computed;
        _forbiddenKinds = forbiddenKinds ?? [];
        _forbiddenReason = forbiddenReason;
    }

    /// <summary>Every problem found so far.</summary>
    internal IReadOnlyList<SegmentError> Errors => _errors;

    public static SegmentParseResult Read(string json, ComputedTraitCatalog computed)
    {
        if (!TryParseDocument(json, out var document, out var notJson))
            return new SegmentParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(computed);
            var definition = reader.ReadDefinition(document.RootElement);
            return reader._errors.Count == 0 && definition is not null
                ? new SegmentParseResult(definition, [])
                : new SegmentParseResult(null, reader._errors);
        }
    }

    /// <summary>Parses JSON the way every definition format here is read (comments and trailing commas allowed).</summary>
    internal static bool TryParseDocument(string json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out SegmentError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            document = null;
            error = new SegmentError("$", NotJson(e));
            return false;
        }

        // JSON allows an escaped lone surrogate ("\udc00"), but no string holding one can be read: refuse it here,
        // with its path, rather than fail wherever it is read.
        if (UnreadableString(document.RootElement, "$") is { } path)
        {
            document.Dispose();
            document = null;
            error = new SegmentError(path, "holds text that is not valid Unicode (an escaped lone surrogate such as \\udc00); write the character itself or a surrogate pair");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The path of the first string or key that cannot be read as UTF-16, or null.</summary>
    private static string? UnreadableString(JsonElement element, string path)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (UnreadableString(property.Value, $"{path}.{property.Name}") is { } inner)
                            return inner;
                    }

                    return null;
                case JsonValueKind.Array:
                    int index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (UnreadableString(item, $"{path}[{index++}]") is { } inner)
                            return inner;
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path;
        }
    }

    /// <summary>Reads <c>version</c>, which must be 1 (every definition format here is at version 1).</summary>
    internal void ReadVersion(JsonElement root)
    {
        if (!root.TryGetProperty("version", out var version))
            Error("version", "required; use 1");
        else if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            Error("version", $"must be the number 1, not {Describe(version)}");
        else if (number != SegmentDefinition.CurrentVersion)
            Error("version", $"version {number} is not supported; use 1");
    }

    /// <summary>Reads an optional <c>description</c>: text or null.</summary>
    private string? ReadDescription(JsonElement root)
    {
        if (!root.TryGetProperty("description", out var descriptionElement))
            return null;
        if (descriptionElement.ValueKind == JsonValueKind.String)
            return descriptionElement.GetString();
        if (descriptionElement.ValueKind != JsonValueKind.Null)
            Error("description", $"must be text, not {Describe(descriptionElement)}");
        return null;
    }

    private SegmentDefinition? ReadDefinition(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", $"must be a JSON object like {{\"version\":1,\"name\":\"…\",\"condition\":{{…}}}}, not {Describe(root)}");
            return null;
        }
        CheckKeys(root, "", DefinitionKeys);
        ReadVersion(root);

        var name = RequiredText(root, "", "name", "the segment's name as people will see it, e.g. \"Cart abandoners\"");
        if (name is { Length: > MaxNameLength })
            Error("name", $"is {name.Length} characters long; use at most {MaxNameLength}");

        var description = ReadDescription(root);

        Condition? condition = null;
        if (root.TryGetProperty("condition", out var conditionElement))
            condition = ReadCondition(conditionElement, "condition", 1);
        else
            Error("condition", "required: what a profile must meet, e.g. {\"trait\":{\"name\":\"plan\",\"op\":\"equals\",\"value\":\"gold\"}}");

        return name is null || condition is null ? null : new SegmentDefinition(name, description, condition);
    }

    /// <summary>Reads a condition tree at <paramref name="path"/> as its root (level 1).</summary>
    internal Condition? ReadRootCondition(JsonElement element, string path) => ReadCondition(element, path, 1);

    private Condition? ReadCondition(JsonElement element, string path, int depth)
    {
        if (depth > SegmentDefinition.MaxDepth)
        {
            Error(path, $"conditions nest deeper than {SegmentDefinition.MaxDepth} levels; flatten the and/or groups");
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be a condition object with one of {SegmentWords.OneOf(SegmentWords.ConditionKinds)}, not {Describe(element)}");
            return null;
        }

        string? kind = null;
        var kinds = new List<string>(1);
        var keys = 0;
        foreach (var property in element.EnumerateObject())
        {
            keys++;
            if (Array.IndexOf(SegmentWords.ConditionKinds, property.Name) < 0)
            {
                Error(Join(path, property.Name),
                    $"'{property.Name}' is not a kind of condition{Suggestion(property.Name, SegmentWords.ConditionKinds)}; use one of {SegmentWords.OneOf(SegmentWords.ConditionKinds)}");
            }
            else if (kinds.Contains(property.Name))
            {
                Error(Join(path, property.Name), "appears twice; keep one");
            }
            else
            {
                kinds.Add(property.Name);
                kind ??= property.Name;
            }
        }
        if (keys == 0)
        {
            Error(path, $"empty condition; use one of {SegmentWords.OneOf(SegmentWords.ConditionKinds)}");
            return null;
        }
        if (kinds.Count > 1)
        {
            Error(path, $"has {string.Join(" and ", kinds.Select(k => $"'{k}'"))} in one object; a condition has exactly one kind, so put them in a list under \"and\" or \"or\"");
            return null;
        }
        if (kind is null)
            return null;

        var value = element.GetProperty(kind);
        var kindPath = Join(path, kind);
        if (Array.IndexOf(_forbiddenKinds, kind) >= 0)
        {
            Error(kindPath, $"'{kind}' conditions {_forbiddenReason}");
            return null;
        }
        return kind switch
        {
            "and" => ReadGroup(value, kindPath, depth, static list => new AndCondition(list)),
            "or" => ReadGroup(value, kindPath, depth, static list => new OrCondition(list)),
            "not" => ReadCondition(value, kindPath, depth + 1) is { } inner ? new NotCondition(inner) : null,
            "trait" => ReadTrait(value, kindPath),
            "event" => ReadEvent(value, kindPath),
            "sequence" => ReadSequence(value, kindPath),
            "segment" => ReadSegment(value, kindPath),
            "consent" => ReadConsent(value, kindPath),
            "computed" => ReadComputed(value, kindPath),
            "bucket" => ReadBucket(value, kindPath),
            "persona" => ReadPersona(value, kindPath),
            "funnel" => ReadFunnel(value, kindPath),
            _ => ReadLifecycleStage(value, kindPath),
        };
    }

    private Condition? ReadGroup(JsonElement value, string path, int depth, Func<IReadOnlyList<Condition>, Condition> create)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"must be a list of conditions, not {Describe(value)}");
            return null;
        }
        if (value.GetArrayLength() == 0)
        {
            Error(path, "needs at least one condition");
            return null;
        }
        var conditions = new List<Condition>(value.GetArrayLength());
        var index = 0;
        var complete = true;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadCondition(item, $"{path}[{index++}]", depth + 1) is { } condition)
                conditions.Add(condition);
            else
                complete = false;
        }
        return complete ? create(conditions) : null;
    }

    private TraitCondition? ReadTrait(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"name\":\"plan\",\"op\":\"equals\",\"value\":\"gold\"}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, ComparisonKeys);
        var name = RequiredText(value, path, "name", "the trait's name, e.g. \"plan\"");
        var op = ReadOp(value, path, AllComparisons, "");
        var operand = op is { } o ? ReadOperand(value, path, o) : null;
        return _errors.Count == before ? new TraitCondition(name!, op!.Value, operand) : null;
    }

    private EventCondition? ReadEvent(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"name\":\"Order Completed\",\"count\":{…},\"window\":{…}}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, EventKeys);
        var filter = ReadFilterFields(value, path);
        var hasCount = value.TryGetProperty("count", out var countElement);
        var hasAggregate = value.TryGetProperty("aggregate", out var aggregateElement);
        if (hasCount && hasAggregate)
        {
            Error(path, "has both 'count' and 'aggregate'; use count for how many times, or aggregate for a sum, avg, min, max or count of a property");
            return null;
        }
        var count = hasCount ? ReadCount(countElement, Join(path, "count")) : null;
        var aggregate = hasAggregate ? ReadAggregate(aggregateElement, Join(path, "aggregate")) : null;
        var window = value.TryGetProperty("window", out var windowElement)
            ? ReadWindow(windowElement, Join(path, "window"))
            : EventWindow.Ever;
        return _errors.Count == before
            ? new EventCondition(filter!, count ?? (aggregate is null ? CountRule.AtLeastOnce : null), aggregate, window!)
            : null;
    }

    private SequenceCondition? ReadSequence(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"first\":{…},\"then\":{…},\"within\":\"1h\",\"did\":false}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, SequenceKeys);
        var first = ReadFilter(value, path, "first");
        var then = ReadFilter(value, path, "then");

        SegmentDuration? within = null;
        if (value.TryGetProperty("within", out var withinElement))
            within = ReadDuration(withinElement, Join(path, "within"));
        else
            Error(Join(path, "within"), $"required: how long after first the then event may come; {SegmentDuration.Hint}");

        var did = false;
        if (!value.TryGetProperty("did", out var didElement))
            Error(Join(path, "did"), "required: false for \"did not do then within\" (abandoned cart), true for \"did then within\"");
        else if (didElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            did = didElement.GetBoolean();
        else
            Error(Join(path, "did"), $"must be true or false, not {Describe(didElement)}");

        string? key = null;
        if (value.TryGetProperty("key", out var keyElement))
            key = NonBlankText(keyElement, Join(path, "key"), "a property both events carry, e.g. \"cart_id\"");

        var window = value.TryGetProperty("window", out var windowElement)
            ? ReadWindow(windowElement, Join(path, "window"))
            : EventWindow.Ever;
        if (!did && window is LastWindow last && within is { } w && last.Duration.ToTimeSpan() <= w.ToTimeSpan())
        {
            Error(Join(path, "window.last"),
                $"'{last.Duration}' must be longer than within ('{w}'): a first event only counts once 'within' has passed without the then event, and by then it has left the window");
        }

        return _errors.Count == before ? new SequenceCondition(first!, then!, within!.Value, did, key, window!) : null;
    }

    private InSegmentCondition? ReadSegment(JsonElement value, string path)
    {
        var slug = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (slug is null || !IsSlug(slug))
        {
            Error(path, $"{(slug is null ? Describe(value) : $"'{slug}'")} is not a segment slug; use lowercase letters, digits and hyphens, e.g. \"vip-customers\"");
            return null;
        }
        return new InSegmentCondition(slug);
    }

    private ConsentCondition? ReadConsent(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"channel\":\"email\",\"subscribed\":true}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, ConsentKeys);
        var channel = RequiredText(value, path, "channel", "a channel code such as \"email\"");
        if (channel is not null && !Channels.IsKnown(channel))
            Error(Join(path, "channel"), $"'{channel}' is not a channel; use one of {SegmentWords.OneOf(Channels.All)}");
        var subscribed = false;
        if (!value.TryGetProperty("subscribed", out var subscribedElement))
            Error(Join(path, "subscribed"), "required: true for opted in, false for opted out");
        else if (subscribedElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            subscribed = subscribedElement.GetBoolean();
        else
            Error(Join(path, "subscribed"), $"must be true or false, not {Describe(subscribedElement)}");
        return _errors.Count == before ? new ConsentCondition(channel!, subscribed) : null;
    }

    private ComputedCondition? ReadComputed(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"name\":\"orderCount\",\"op\":\"gte\",\"value\":3}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, ComparisonKeys);
        var name = RequiredText(value, path, "name", $"one of {SegmentWords.OneOf(_computed.Names)}");
        if (name is null)
            return null;
        if (!_computed.TryGet(name, out var kind, out var optional))
        {
            Error(Join(path, "name"), $"'{name}' is not a computed trait; use one of {SegmentWords.OneOf(_computed.Names)}");
            return null;
        }
        var kindName = kind switch
        {
            ComputedKind.Number => "a number",
            ComputedKind.Date => "a date",
            ComputedKind.Text => "text",
            _ => "an event property's value",
        };
        var op = ReadOp(value, path, ComputedTraits.OperatorsFor(kind, optional), $" does not apply to {name}, which is {kindName}");
        var operand = op is { } o ? ReadOperand(value, path, o) : null;
        if (operand is not null && !FitsKind(operand, kind))
            Error(Join(path, "value"), $"must be {kindName}: {name} is {kindName}");
        return _errors.Count == before ? new ComputedCondition(name, op!.Value, operand) : null;

        static bool FitsKind(Literal literal, ComputedKind kind) => kind == ComputedKind.Any || literal switch
        {
            ListLiteral list => list.Items.All(item => FitsKind(item, kind)),
            NumberLiteral => kind == ComputedKind.Number,
            StringLiteral => kind == ComputedKind.Text,
            DateLiteral or DurationLiteral => kind == ComputedKind.Date,
            _ => false,
        };
    }

    private BucketCondition? ReadBucket(JsonElement value, string path)
    {
        if (!ExpectObject(value, path, "{\"from\":0,\"to\":999}"))
            return null;
        var before = _errors.Count;
        CheckKeys(value, path, BucketKeys);
        var from = ReadBucketEnd(value, path, "from");
        var to = ReadBucketEnd(value, path, "to");
        if (from > to)
            Error(path, $"from ({from}) must not be greater than to ({to})");
        return _errors.Count == before ? new BucketCondition(from, to) : null;
    }

    private int ReadBucketEnd(JsonElement bucket, string path, string key)
    {
        if (!bucket.TryGetProperty(key, out var element))
        {
            Error(Join(path, key), $"required: a whole number from 0 to {ProfileBucket.Count - 1}");
            return 0;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < 0 || number >= ProfileBucket.Count)
        {
            Error(Join(path, key), $"{Describe(element)} is not a bucket; use a whole number from 0 to {ProfileBucket.Count - 1}");
            return 0;
        }
        return number;
    }

    private EventFilter? ReadFilter(JsonElement parent, string path, string key)
    {
        var filterPath = Join(path, key);
        if (!parent.TryGetProperty(key, out var element))
        {
            Error(filterPath, "required: an event such as {\"name\":\"Product Added\"}");
            return null;
        }
        if (!ExpectObject(element, filterPath, "{\"name\":\"Product Added\",\"where\":[…]}"))
            return null;
        CheckKeys(element, filterPath, FilterKeys);
        return ReadFilterFields(element, filterPath);
    }

    internal EventFilter? ReadFilterFields(JsonElement element, string path)
    {
        var before = _errors.Count;
        var name = RequiredText(element, path, "name", "the event's name, e.g. \"Order Completed\"");

        EventType? type = null;
        if (element.TryGetProperty("type", out var typeElement))
        {
            var word = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            if (word is not null && Array.IndexOf(SegmentWords.EventTypeWords, word) >= 0 && EventTypes.TryParse(word, out var parsed))
                type = parsed;
            else
                Error(Join(path, "type"), $"{Describe(typeElement)} is not one of {SegmentWords.OneOf(SegmentWords.EventTypeWords)}");
        }

        var where = new List<PropertyFilter>();
        if (element.TryGetProperty("where", out var whereElement))
        {
            var wherePath = Join(path, "where");
            if (whereElement.ValueKind != JsonValueKind.Array)
            {
                Error(wherePath, $"must be a list of property filters such as [{{\"property\":\"category\",\"op\":\"equals\",\"value\":\"shoes\"}}], not {Describe(whereElement)}");
            }
            else
            {
                var index = 0;
                foreach (var item in whereElement.EnumerateArray())
                {
                    if (ReadPropertyFilter(item, $"{wherePath}[{index++}]") is { } filter)
                        where.Add(filter);
                }
            }
        }
        return _errors.Count == before ? new EventFilter(name!, where, type) : null;
    }

    private PropertyFilter? ReadPropertyFilter(JsonElement element, string path)
    {
        if (!ExpectObject(element, path, "{\"property\":\"category\",\"op\":\"equals\",\"value\":\"shoes\"}"))
            return null;
        var before = _errors.Count;
        CheckKeys(element, path, WhereKeys);
        var property = RequiredText(element, path, "property", "the event property's name, e.g. \"category\"");
        var op = ReadOp(element, path, PropertyComparisons,
            " is relative to now and cannot filter event properties; limit the events with the condition's window instead");
        var operand = op is { } o ? ReadOperand(element, path, o) : null;
        return _errors.Count == before ? new PropertyFilter(property!, op!.Value, operand) : null;
    }

    private CountRule? ReadCount(JsonElement element, string path)
    {
        if (!ExpectObject(element, path, "{\"op\":\"atLeast\",\"value\":2}"))
            return null;
        var before = _errors.Count;
        CheckKeys(element, path, CountKeys);
        var op = ReadWord(element, path, "op", SegmentWords.CountWords);
        var value = 0;
        if (!element.TryGetProperty("value", out var valueElement))
            Error(Join(path, "value"), "required: how many times, 0 or more");
        else if (valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetInt32(out value) || value < 0)
            Error(Join(path, "value"), $"{Describe(valueElement)} is not a number of times; use a whole number, 0 or more");
        else if (op == (int)CountOp.AtLeast && value == 0)
            Error(Join(path, "value"), "atLeast 0 matches every profile; use 1 or more");
        return _errors.Count == before ? new CountRule((CountOp)op!.Value, value) : null;
    }

    private AggregateRule? ReadAggregate(JsonElement element, string path)
    {
        if (!ExpectObject(element, path, "{\"fn\":\"sum\",\"property\":\"revenue\",\"op\":\"gte\",\"value\":500}"))
            return null;
        var before = _errors.Count;
        CheckKeys(element, path, AggregateKeys);
        var fnIndex = ReadWord(element, path, "fn", SegmentWords.AggregateWords);
        var function = fnIndex is { } i ? SegmentWords.AggregateFunctionOf(i) : (AggregateFunction?)null;

        string? property = null;
        var hasProperty = element.TryGetProperty("property", out var propertyElement);
        if (function == AggregateFunction.Count)
        {
            if (hasProperty)
                Error(Join(path, "property"), "count counts the matching events and takes no property; remove 'property'");
        }
        else if (function is { } f)
        {
            if (hasProperty)
                property = NonBlankText(propertyElement, Join(path, "property"), "the number property, e.g. \"revenue\"");
            else
                Error(Join(path, "property"), $"required for {SegmentWords.Word(f)}: the number property, e.g. \"revenue\"");
        }

        var op = ReadOp(element, path, SegmentWords.AggregateOps, " does not apply to an aggregate");
        decimal value = 0;
        if (!element.TryGetProperty("value", out var valueElement))
            Error(Join(path, "value"), "required: the number to compare with");
        else if (valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDecimal(out value))
            Error(Join(path, "value"), $"{Describe(valueElement)} is not a number");
        return _errors.Count == before ? new AggregateRule(function!.Value, property, op!.Value, value) : null;
    }

    private EventWindow? ReadWindow(JsonElement element, string path)
    {
        if (!ExpectObject(element, path, "{\"last\":\"90d\"} or {\"from\":\"2025-01-01\",\"to\":\"2025-02-01\"}"))
            return null;
        var before = _errors.Count;
        CheckKeys(element, path, WindowKeys);
        var hasLast = element.TryGetProperty("last", out var lastElement);
        var hasFrom = element.TryGetProperty("from", out var fromElement);
        var hasTo = element.TryGetProperty("to", out var toElement);
        if (hasLast && (hasFrom || hasTo))
        {
            Error(path, "has both 'last' and 'from'/'to'; use {\"last\":\"90d\"} for a moving window or {\"from\":…,\"to\":…} for fixed dates");
            return null;
        }
        if (hasLast)
            return ReadDuration(lastElement, Join(path, "last")) is { } last ? new LastWindow(last) : null;
        if (!hasFrom && !hasTo)
        {
            Error(path, "empty window; use {\"last\":\"90d\"}, {\"from\":\"2025-01-01\",\"to\":\"2025-02-01\"}, or leave out 'window' to count events ever");
            return null;
        }
        var from = hasFrom ? ReadDate(fromElement, Join(path, "from")) : null;
        var to = hasTo ? ReadDate(toElement, Join(path, "to")) : null;
        if (from is { } f && to is { } t && f >= t)
            Error(path, $"from ({IsoDate.Format(f)}) must be before to ({IsoDate.Format(t)})");
        return _errors.Count == before ? new BetweenWindow(from, to) : null;
    }
}
