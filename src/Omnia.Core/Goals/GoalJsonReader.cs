using System.Text.Json;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Goals;

/// <summary>
/// Reads goal documents with the strictness of segment definitions (camelCase keys, no unknown or repeated keys,
/// every problem reported with its JSON path), reusing their event filter and duration reading.
/// </summary>
internal static class GoalJsonReader
{
    private static readonly string[] GoalKeys = ["version", "slug", "name", "description", "event", "value", "lookback", "touchpoints"];
    private static readonly string[] FilterKeys = ["name", "type", "where"];
    private static readonly string[] TouchpointKeys = ["messages", "excludeChannels"];
    private static readonly string[] MessageWords = ["engaged", "all", "none"];

    public static GoalParseResult Read(string json, string slug)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new GoalParseResult(null, [notJson]);
        using (document)
        {
            var reader = new SegmentJsonReader(ComputedTraitCatalog.BuiltIns);
            var goal = ReadGoal(reader, document.RootElement, "", slug);
            return reader.Errors.Count == 0 && goal is not null ? new GoalParseResult(goal, []) : new GoalParseResult(null, reader.Errors.ToList());
        }
    }

    public static IReadOnlyList<ConversionGoal> ReadList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var goals = new List<ConversionGoal>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var slug = item.TryGetProperty("slug", out var s) ? s.GetString() ?? "" : "";
            var parsed = Read(item.GetRawText(), slug);
            goals.Add(parsed.Goal ?? throw new FormatException($"Saved goal '{slug}' no longer reads: {string.Join("; ", parsed.Errors)}"));
        }

        return goals;
    }

    private static ConversionGoal? ReadGoal(SegmentJsonReader reader, JsonElement root, string path, string slug)
    {
        if (!reader.ExpectObject(root, "$", "{\"version\":1,\"name\":\"Purchase\",\"event\":{\"name\":\"Order Completed\"},\"value\":\"revenue\",\"lookback\":\"30d\"}"))
            return null;
        reader.CheckKeys(root, path, GoalKeys);
        reader.ReadVersion(root);
        if (!SegmentJsonReader.IsSlug(slug))
            reader.Error("slug", $"'{slug}' is not a goal slug; use lowercase letters, digits and hyphens, e.g. \"purchase\"");
        else if (root.TryGetProperty("slug", out var slugElement) && (slugElement.ValueKind != JsonValueKind.String || slugElement.GetString() != slug))
            reader.Error("slug", $"{SegmentJsonReader.Describe(slugElement)} differs from the goal's slug '{slug}'; leave it out or make them equal");

        var name = reader.RequiredText(root, path, "name", "the goal's name as people will see it, e.g. \"Purchase\"");
        if (name is { Length: > 200 })
            reader.Error("name", $"is {name.Length} characters long; use at most 200");

        string? description = null;
        if (root.TryGetProperty("description", out var descriptionElement))
        {
            if (descriptionElement.ValueKind == JsonValueKind.String)
                description = descriptionElement.GetString();
            else if (descriptionElement.ValueKind != JsonValueKind.Null)
                reader.Error("description", $"must be text, not {SegmentJsonReader.Describe(descriptionElement)}");
        }

        EventFilter? filter = null;
        if (!root.TryGetProperty("event", out var eventElement))
            reader.Error("event", "required: the events that convert, e.g. {\"name\":\"Order Completed\",\"where\":[…]}");
        else if (reader.ExpectObject(eventElement, "event", "{\"name\":\"Order Completed\",\"where\":[…]}"))
        {
            reader.CheckKeys(eventElement, "event", FilterKeys);
            filter = reader.ReadFilterFields(eventElement, "event");
        }

        string? value = null;
        if (root.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null)
            value = reader.NonBlankText(valueElement, "value", "the number property that holds a conversion's value, e.g. \"revenue\"");

        var lookback = ConversionGoal.DefaultLookback;
        if (root.TryGetProperty("lookback", out var lookbackElement) && reader.ReadDuration(lookbackElement, "lookback") is { } read)
        {
            if (read.ToTimeSpan() < TimeSpan.FromHours(1) || read.ToTimeSpan() > TimeSpan.FromDays(365))
                reader.Error("lookback", $"'{read}' is outside 1h to 365d; touchpoints count from an hour to a year before a conversion");
            else
                lookback = read;
        }

        var touchpoints = GoalTouchpoints.Default;
        if (root.TryGetProperty("touchpoints", out var touchElement))
            touchpoints = ReadTouchpoints(reader, touchElement) ?? touchpoints;

        return reader.Errors.Count == 0 && name is not null && filter is not null
            ? new ConversionGoal(slug, name, description, filter, value, lookback, touchpoints)
            : null;
    }

    private static GoalTouchpoints? ReadTouchpoints(SegmentJsonReader reader, JsonElement element)
    {
        if (!reader.ExpectObject(element, "touchpoints", "{\"messages\":\"engaged\",\"excludeChannels\":[\"support\"]}"))
            return null;
        reader.CheckKeys(element, "touchpoints", TouchpointKeys);
        var messages = MessageTouches.Engaged;
        if (element.TryGetProperty("messages", out var messagesElement))
        {
            var word = messagesElement.ValueKind == JsonValueKind.String ? messagesElement.GetString() : null;
            var index = word is null ? -1 : Array.IndexOf(MessageWords, word);
            if (index < 0)
                reader.Error("touchpoints.messages", $"{SegmentJsonReader.Describe(messagesElement)} is not one of engaged (opened or clicked), all (sent too), none");
            else
                messages = (MessageTouches)index;
        }

        var excluded = new List<string>();
        if (element.TryGetProperty("excludeChannels", out var excludeElement))
        {
            if (excludeElement.ValueKind != JsonValueKind.Array)
            {
                reader.Error("touchpoints.excludeChannels", $"must be a list of channel codes such as [\"support\"], not {SegmentJsonReader.Describe(excludeElement)}");
            }
            else
            {
                var i = 0;
                foreach (var item in excludeElement.EnumerateArray())
                {
                    var path = $"touchpoints.excludeChannels[{i++}]";
                    var code = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (!Channels.IsKnown(code))
                        reader.Error(path, $"{SegmentJsonReader.Describe(item)} is not a channel; use one of {string.Join(", ", Channels.All)}");
                    else if (excluded.Contains(code!))
                        reader.Error(path, $"'{code}' is listed twice; keep one");
                    else
                        excluded.Add(code!);
                }
            }
        }

        return new GoalTouchpoints(messages, excluded);
    }
}
