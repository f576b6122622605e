using System.Globalization;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Reads the journey JSON format with the segment reader's strictness (camelCase keys, no unknown or repeated
/// keys; comments and trailing commas allowed), collecting every problem with its path in one pass, then checks
/// the graph (<see cref="JourneyGraph"/>). Event filters, durations, dates and conditions are read by
/// <see cref="SegmentJsonReader"/>, so they take the same words and give the same messages as in segments.
/// </summary>
internal sealed partial class JourneyJsonReader
{
    private static readonly string[] RootKeys = ["version", "name", "description", "trigger", "entry", "start", "nodes", "goal", "exitOn"];
    private static readonly string[] TriggerKinds = ["event", "segmentEntry", "segmentExit", "date", "schedule", "api"];
    private static readonly string[] KeyedFilterKeys = ["name", "type", "where", "key"];
    private static readonly string[] FilterKeys = ["name", "type", "where"];
    private static readonly string[] DateKeys = ["trait", "offset", "at", "yearly"];
    private static readonly string[] ScheduleKeys = ["segment", "at", "cron", "timeZone"];
    private static readonly string[] ApiKeys = ["key"];
    private static readonly string[] EntryKeys = ["rule", "cooldown", "edgeTriggered"];
    private static readonly string[] EntryRuleWords = ["once", "oneAtATime", "reentry"];
    private static readonly string[] GoalKeys = ["event", "matchKey", "within"];
    private static readonly string[] EventExitKeys = ["event", "matchKey"];
    private static readonly string[] SegmentExitKeys = ["segmentExit"];

    private const int MaxNameLength = 200;

    private readonly SegmentJsonReader _r;
    private JourneyTrigger? _trigger;

    private JourneyJsonReader(ComputedTraitCatalog computed) => _r = new SegmentJsonReader(computed);

    public static JourneyParseResult Read(string json, ComputedTraitCatalog computed)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new JourneyParseResult(null, [notJson]);
        using (document)
        {
            var reader = new JourneyJsonReader(computed);
            var definition = reader.ReadDefinition(document.RootElement);
            return reader._r.Errors.Count == 0 && definition is not null
                ? new JourneyParseResult(definition, [])
                : new JourneyParseResult(null, reader._r.Errors);
        }
    }

    private JourneyDefinition? ReadDefinition(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _r.Error("$", $"must be a JSON object like {{\"version\":1,\"name\":\"…\",\"trigger\":{{…}},\"start\":\"…\",\"nodes\":[…]}}, not {SegmentJsonReader.Describe(root)}");
            return null;
        }
        _r.CheckKeys(root, "", RootKeys);
        _r.ReadVersion(root);
        var name = _r.RequiredText(root, "", "name", "the journey's name as people will see it, e.g. \"Abandoned cart\"");
        if (name is { Length: > MaxNameLength })
            _r.Error("name", $"is {name.Length} characters long; use at most {MaxNameLength}");
        string? description = null;
        if (root.TryGetProperty("description", out var descriptionElement) && descriptionElement.ValueKind != JsonValueKind.Null)
        {
            if (descriptionElement.ValueKind == JsonValueKind.String)
                description = descriptionElement.GetString();
            else
                _r.Error("description", $"must be text, not {SegmentJsonReader.Describe(descriptionElement)}");
        }

        if (root.TryGetProperty("trigger", out var triggerElement))
            _trigger = ReadTrigger(triggerElement, "trigger");
        else
            _r.Error("trigger", "required: what starts the journey, e.g. {\"event\":{\"name\":\"Product Added\",\"key\":\"cart_id\"}}");

        var entry = root.TryGetProperty("entry", out var entryElement) ? ReadEntry(entryElement, "entry") : EntryRules.Default;
        var start = _r.RequiredText(root, "", "start", "the id of the first node");
        var nodes = root.TryGetProperty("nodes", out var nodesElement) ? ReadNodes(nodesElement) : null;
        if (nodes is null && !root.TryGetProperty("nodes", out _))
            _r.Error("nodes", "required: the journey's steps, e.g. [{\"id\":\"remind\",\"type\":\"send\",…}]");
        var goal = root.TryGetProperty("goal", out var goalElement) && goalElement.ValueKind != JsonValueKind.Null ? ReadGoal(goalElement, "goal") : null;
        var exitOn = root.TryGetProperty("exitOn", out var exitElement) ? ReadExitCriteria(exitElement, "exitOn") : [];

        if (name is null || _trigger is null || entry is null || start is null || nodes is null || exitOn is null
            || (root.TryGetProperty("goal", out var g) && g.ValueKind != JsonValueKind.Null && goal is null))
        {
            return null;
        }
        var definition = new JourneyDefinition(name, description, _trigger, entry, start, nodes, goal, exitOn);
        if (_r.Errors.Count == 0)
            JourneyGraph.Check(definition, _r);
        return definition;
    }

    private JourneyTrigger? ReadTrigger(JsonElement element, string path)
    {
        var kind = ReadKind(element, path, TriggerKinds, "a trigger");
        if (kind is null)
            return null;
        var value = element.GetProperty(kind);
        var kindPath = SegmentJsonReader.Join(path, kind);
        switch (kind)
        {
            case "event":
                if (!_r.ExpectObject(value, kindPath, "{\"name\":\"Product Added\",\"key\":\"cart_id\"}"))
                    return null;
                _r.CheckKeys(value, kindPath, KeyedFilterKeys);
                var filter = _r.ReadFilterFields(value, kindPath);
                var key = OptionalText(value, kindPath, "key", "an event property such as \"cart_id\"");
                return filter is null ? null : new EventTrigger(filter, key);
            case "segmentEntry" or "segmentExit":
                return ReadSlug(value, kindPath) is { } slug
                    ? new SegmentTrigger(slug, kind == "segmentEntry" ? SegmentEdge.Entry : SegmentEdge.Exit)
                    : null;
            case "date":
                return ReadDateTrigger(value, kindPath);
            case "schedule":
                return ReadSchedule(value, kindPath);
            default:
                if (!_r.ExpectObject(value, kindPath, "{} or {\"key\":\"order_id\"}"))
                    return null;
                _r.CheckKeys(value, kindPath, ApiKeys);
                var before = _r.Errors.Count;
                var apiKey = OptionalText(value, kindPath, "key", "a property of the call such as \"order_id\"");
                return _r.Errors.Count == before ? new ApiTrigger(apiKey) : null;
        }
    }

    private DateTrigger? ReadDateTrigger(JsonElement value, string path)
    {
        if (!_r.ExpectObject(value, path, "{\"trait\":\"birthday\",\"yearly\":true,\"at\":\"09:00\"}"))
            return null;
        var before = _r.Errors.Count;
        _r.CheckKeys(value, path, DateKeys);
        var trait = _r.RequiredText(value, path, "trait", "the trait holding the date, e.g. \"birthday\"");
        var offset = value.TryGetProperty("offset", out var offsetElement) ? ReadOffset(offsetElement, SegmentJsonReader.Join(path, "offset")) : DateOffset.None;
        var at = value.TryGetProperty("at", out var atElement) ? ReadTime(atElement, SegmentJsonReader.Join(path, "at")) : TimeOnly.MinValue;
        var yearly = value.TryGetProperty("yearly", out var yearlyElement) && ReadBool(yearlyElement, SegmentJsonReader.Join(path, "yearly"));
        return _r.Errors.Count == before ? new DateTrigger(trait!, offset ?? DateOffset.None, at ?? TimeOnly.MinValue, yearly) : null;
    }

    private ScheduleTrigger? ReadSchedule(JsonElement value, string path)
    {
        if (!_r.ExpectObject(value, path, "{\"segment\":\"newsletter\",\"cron\":\"0 9 * * MON\",\"timeZone\":\"Europe/Berlin\"}"))
            return null;
        var before = _r.Errors.Count;
        _r.CheckKeys(value, path, ScheduleKeys);
        string? segment = null;
        if (value.TryGetProperty("segment", out var segmentElement))
            segment = ReadSlug(segmentElement, SegmentJsonReader.Join(path, "segment"));
        else
            _r.Error(SegmentJsonReader.Join(path, "segment"), "required: the slug of the segment to broadcast to, e.g. \"newsletter\"");
        var hasAt = value.TryGetProperty("at", out var atElement);
        var hasCron = value.TryGetProperty("cron", out var cronElement);
        DateTimeOffset? at = null;
        string? cron = null;
        string? timeZone = null;
        if (hasAt == hasCron)
        {
            _r.Error(path, hasAt
                ? "has both 'at' and 'cron'; use at for one broadcast or cron for a recurring one"
                : "needs 'at' (one broadcast, e.g. \"2025-12-01T09:00:00Z\") or 'cron' (recurring, e.g. \"0 9 * * MON\")");
        }
        else if (hasAt)
        {
            at = _r.ReadDate(atElement, SegmentJsonReader.Join(path, "at"));
            if (value.TryGetProperty("timeZone", out _))
                _r.Error(SegmentJsonReader.Join(path, "timeZone"), "applies to cron only; give 'at' with its offset, e.g. \"2025-12-01T09:00:00+01:00\"");
        }
        else
        {
            cron = cronElement.ValueKind == JsonValueKind.String ? cronElement.GetString() : null;
            if (cron is null || !BroadcastSchedule.IsValid(cron))
            {
                _r.Error(SegmentJsonReader.Join(path, "cron"),
                    $"{SegmentJsonReader.Describe(cronElement)} is not a cron expression; use five fields: minute hour day-of-month month day-of-week, e.g. \"0 9 * * MON\"");
            }
            timeZone = "UTC";
            if (value.TryGetProperty("timeZone", out var zoneElement))
            {
                timeZone = zoneElement.ValueKind == JsonValueKind.String ? zoneElement.GetString() : null;
                if (!ZonedTime.TryFindZone(timeZone, out _))
                    _r.Error(SegmentJsonReader.Join(path, "timeZone"), $"{SegmentJsonReader.Describe(zoneElement)} is not a time zone; use an IANA id such as \"Europe/Berlin\" or \"UTC\"");
            }
        }
        return _r.Errors.Count == before ? new ScheduleTrigger(segment!, at, cron, timeZone) : null;
    }

    private EntryRules? ReadEntry(JsonElement value, string path)
    {
        if (!_r.ExpectObject(value, path, "{\"rule\":\"once\"} or {\"rule\":\"reentry\",\"cooldown\":\"30d\"}"))
            return null;
        var before = _r.Errors.Count;
        _r.CheckKeys(value, path, EntryKeys);
        var rule = ReadWord(value, path, "rule", EntryRuleWords);
        SegmentDuration? cooldown = null;
        var hasCooldown = value.TryGetProperty("cooldown", out var cooldownElement);
        if (rule == (int)EntryRule.Reentry)
        {
            if (hasCooldown)
                cooldown = _r.ReadDuration(cooldownElement, SegmentJsonReader.Join(path, "cooldown"));
            else
                _r.Error(SegmentJsonReader.Join(path, "cooldown"), $"required for reentry: how long after entering a profile may enter again; {SegmentDuration.Hint}");
        }
        else if (hasCooldown && rule is not null)
        {
            _r.Error(SegmentJsonReader.Join(path, "cooldown"), $"applies to reentry only; use {{\"rule\":\"reentry\",\"cooldown\":\"…\"}} or remove 'cooldown'");
        }
        var edge = true;
        if (value.TryGetProperty("edgeTriggered", out var edgeElement))
        {
            edge = ReadBool(edgeElement, SegmentJsonReader.Join(path, "edgeTriggered"));
            if (_trigger is not null and not SegmentTrigger)
                _r.Error(SegmentJsonReader.Join(path, "edgeTriggered"), "applies to segmentEntry and segmentExit triggers only; remove it");
        }
        return _r.Errors.Count == before ? new EntryRules((EntryRule)rule!.Value, cooldown, edge) : null;
    }

    private JourneyGoal? ReadGoal(JsonElement value, string path)
    {
        if (!_r.ExpectObject(value, path, "{\"event\":{\"name\":\"Order Completed\"},\"within\":\"7d\"}"))
            return null;
        var before = _r.Errors.Count;
        _r.CheckKeys(value, path, GoalKeys);
        var filter = ReadFilter(value, path, "event");
        var matchKey = ReadMatchKey(value, path);
        SegmentDuration? within = null;
        if (value.TryGetProperty("within", out var withinElement))
            within = _r.ReadDuration(withinElement, SegmentJsonReader.Join(path, "within"));
        else
            _r.Error(SegmentJsonReader.Join(path, "within"), $"required: how long after entering a conversion counts; {SegmentDuration.Hint}");
        return _r.Errors.Count == before ? new JourneyGoal(filter!, within!.Value, matchKey) : null;
    }

    private List<ExitCriterion>? ReadExitCriteria(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            _r.Error(path, $"must be a list such as [{{\"event\":{{\"name\":\"Order Completed\"}}}}], not {SegmentJsonReader.Describe(value)}");
            return null;
        }
        var before = _r.Errors.Count;
        var criteria = new List<ExitCriterion>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (!_r.ExpectObject(item, itemPath, "{\"event\":{\"name\":\"Order Completed\"}} or {\"segmentExit\":\"lapsed-vips\"}"))
                continue;
            if (item.TryGetProperty("segmentExit", out var slugElement))
            {
                _r.CheckKeys(item, itemPath, SegmentExitKeys);
                if (ReadSlug(slugElement, SegmentJsonReader.Join(itemPath, "segmentExit")) is { } slug)
                    criteria.Add(new SegmentExitCriterion(slug));
                continue;
            }
            _r.CheckKeys(item, itemPath, EventExitKeys);
            var filter = ReadFilter(item, itemPath, "event");
            var matchKey = ReadMatchKey(item, itemPath);
            if (filter is not null)
                criteria.Add(new EventExitCriterion(filter, matchKey));
        }
        return _r.Errors.Count == before ? criteria : null;
    }

    /// <summary>An object with exactly one key out of <paramref name="kinds"/>; that key, or null after an error.</summary>
    private string? ReadKind(JsonElement element, string path, string[] kinds, string what)
    {
        var words = SegmentWords.OneOf(kinds);
        if (element.ValueKind != JsonValueKind.Object)
        {
            _r.Error(path, $"must be {what} object with one of {words}, not {SegmentJsonReader.Describe(element)}");
            return null;
        }
        var found = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(kinds, property.Name) < 0)
                _r.Error(SegmentJsonReader.Join(path, property.Name), $"'{property.Name}' is not a kind of trigger; use one of {words}");
            else if (found.Contains(property.Name))
                _r.Error(SegmentJsonReader.Join(path, property.Name), "appears twice; keep one");
            else
                found.Add(property.Name);
        }
        if (found.Count == 1)
            return found[0];
        _r.Error(path, found.Count == 0 ? $"empty; use one of {words}" : $"has {string.Join(" and ", found.Select(k => $"'{k}'"))}; a journey has exactly one trigger");
        return null;
    }

    private EventFilter? ReadFilter(JsonElement parent, string path, string key)
    {
        var filterPath = SegmentJsonReader.Join(path, key);
        if (!parent.TryGetProperty(key, out var element))
        {
            _r.Error(filterPath, "required: an event such as {\"name\":\"Order Completed\"}");
            return null;
        }
        if (!_r.ExpectObject(element, filterPath, "{\"name\":\"Order Completed\",\"where\":[…]}"))
            return null;
        _r.CheckKeys(element, filterPath, FilterKeys);
        return _r.ReadFilterFields(element, filterPath);
    }

    /// <summary>An optional <c>matchKey</c>, which needs a trigger keyed by a property.</summary>
    private string? ReadMatchKey(JsonElement parent, string path)
    {
        var matchKey = OptionalText(parent, path, "matchKey", "the event property holding the entry key, e.g. \"cart_id\"");
        if (matchKey is not null && _trigger is not null && KeyProperty(_trigger) is null)
        {
            _r.Error(SegmentJsonReader.Join(path, "matchKey"),
                "needs a trigger keyed by a property, e.g. {\"event\":{\"name\":\"Product Added\",\"key\":\"cart_id\"}}; this trigger has no key to match");
        }
        return matchKey;
    }

    private static string? KeyProperty(JourneyTrigger trigger) => trigger switch
    {
        EventTrigger e => e.Key,
        ApiTrigger a => a.Key,
        _ => null,
    };

    private string? OptionalText(JsonElement parent, string path, string key, string hint) =>
        parent.TryGetProperty(key, out var element) && element.ValueKind != JsonValueKind.Null
            ? _r.NonBlankText(element, SegmentJsonReader.Join(path, key), hint)
            : null;

    private string? ReadSlug(JsonElement value, string path)
    {
        var slug = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (slug is not null && SegmentJsonReader.IsSlug(slug))
            return slug;
        _r.Error(path, $"{(slug is null ? SegmentJsonReader.Describe(value) : $"'{slug}'")} is not a segment slug; use lowercase letters, digits and hyphens, e.g. \"lapsed-vips\"");
        return null;
    }

    private bool ReadBool(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        _r.Error(path, $"must be true or false, not {SegmentJsonReader.Describe(value)}");
        return false;
    }

    private TimeOnly? ReadTime(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        _r.Error(path, $"{SegmentJsonReader.Describe(value)} is not a time of day; use 24-hour HH:mm, e.g. \"09:00\"");
        return null;
    }

    private DateOffset? ReadOffset(JsonElement value, string path)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!DateOffset.TryParse(text, out var offset, out _))
        {
            _r.Error(path, $"{SegmentJsonReader.Describe(value)} is not an offset; use a duration with an optional minus sign, e.g. \"-7d\", \"2d\" or \"-12h\"");
            return null;
        }
        if (offset.Length.Amount <= 0 || !offset.Length.IsInRange)
        {
            _r.Error(path, $"'{text}' must be between 1m and {SegmentDuration.MaxDays}d either way; leave 'offset' out for none");
            return null;
        }
        return offset;
    }

    /// <summary>Reads <paramref name="key"/> as one of <paramref name="words"/>; the index, or null after an error.</summary>
    private int? ReadWord(JsonElement element, string path, string key, string[] words)
    {
        var wordPath = SegmentJsonReader.Join(path, key);
        if (!element.TryGetProperty(key, out var wordElement))
        {
            _r.Error(wordPath, $"required; use one of {SegmentWords.OneOf(words)}");
            return null;
        }
        var index = wordElement.ValueKind == JsonValueKind.String ? Array.IndexOf(words, wordElement.GetString()) : -1;
        if (index >= 0)
            return index;
        _r.Error(wordPath, $"{SegmentJsonReader.Describe(wordElement)} is not one of {SegmentWords.OneOf(words)}");
        return null;
    }
}
