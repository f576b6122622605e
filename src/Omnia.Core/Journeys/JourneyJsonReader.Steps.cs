using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>The nodes of <see cref="JourneyJsonReader"/>: one reader per step type.</summary>
internal sealed partial class JourneyJsonReader
{
    private static readonly string[] StepTypes =
        ["wait", "waitUntil", "waitForEvent", "condition", "split", "send", "chooseChannel", "updateProfile", "webhook", "jump", "exit"];

    private static readonly Dictionary<string, string[]> StepKeys = new(StringComparer.Ordinal)
    {
        ["wait"] = ["duration", "next"],
        ["waitUntil"] = ["time", "trait", "offset", "next", "missed"],
        ["waitForEvent"] = ["event", "matchKey", "timeout", "onEvent", "onTimeout"],
        ["condition"] = ["if", "then", "else"],
        ["split"] = ["variants", "control"],
        ["send"] = ["content", "channel", "next"],
        ["chooseChannel"] = ["channels", "next", "none"],
        ["updateProfile"] = ["traits", "next"],
        ["webhook"] = ["url", "method", "body", "next"],
        ["jump"] = ["to"],
        ["exit"] = [],
    };

    private static readonly string[] VariantKeys = ["name", "weight", "next"];
    private static readonly string[] LastMessageKeys = ["status", "node"];
    private static readonly string[] EngagementWords = ["opened", "clicked"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private const int MaxIdLength = 64;
    private const int MaxWeight = 10_000;
    private const int MaxTextLength = 200;

    private List<JourneyStep>? ReadNodes(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            _r.Error("nodes", $"must be a non-empty list of steps such as [{{\"id\":\"remind\",\"type\":\"send\",…}}], not {SegmentJsonReader.Describe(value)}");
            return null;
        }
        if (value.GetArrayLength() > JourneyDefinition.MaxNodes)
        {
            _r.Error("nodes", $"has {value.GetArrayLength()} nodes; a journey has at most {JourneyDefinition.MaxNodes}");
            return null;
        }
        var before = _r.Errors.Count;
        var nodes = new List<JourneyStep>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadNode(item, $"nodes[{index++}]") is { } node)
                nodes.Add(node);
        }
        return _r.Errors.Count == before ? nodes : null;
    }

    private JourneyStep? ReadNode(JsonElement element, string path)
    {
        if (!_r.ExpectObject(element, path, "{\"id\":\"remind\",\"type\":\"send\",\"content\":\"cart-reminder\",\"channel\":\"email\",\"next\":\"done\"}"))
            return null;
        var before = _r.Errors.Count;
        var id = ReadId(element, path);
        var typePath = SegmentJsonReader.Join(path, "type");
        var type = element.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        if (type is null || !StepKeys.TryGetValue(type, out var keys))
        {
            _r.Error(typePath, typeElement.ValueKind == JsonValueKind.Undefined
                ? $"required; use one of {SegmentWords.OneOf(StepTypes)}"
                : $"{SegmentJsonReader.Describe(typeElement)} is not a step type; use one of {SegmentWords.OneOf(StepTypes)}");
            return null;
        }
        _r.CheckKeys(element, path, ["id", "type", .. keys]);
        JourneyStep? step = type switch
        {
            "wait" => ReadWait(element, path, id!),
            "waitUntil" => ReadWaitUntil(element, path, id!),
            "waitForEvent" => ReadWaitForEvent(element, path, id!),
            "condition" => ReadCondition(element, path, id!),
            "split" => ReadSplit(element, path, id!),
            "send" => ReadSend(element, path, id!),
            "chooseChannel" => ReadChooseChannel(element, path, id!),
            "updateProfile" => ReadUpdateProfile(element, path, id!),
            "webhook" => ReadWebhook(element, path, id!),
            "jump" => Target(element, path, "to") is { } to ? new JumpStep(id!, to) : null,
            _ => new ExitStep(id!),
        };
        return _r.Errors.Count == before ? step : null;
    }

    private string? ReadId(JsonElement element, string path)
    {
        var id = _r.RequiredText(element, path, "id", "a short name for the step, e.g. \"send-reminder\"");
        if (id is not null && (id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            _r.Error(SegmentJsonReader.Join(path, "id"), $"'{id}' is not a step id; use at most {MaxIdLength} letters, digits, '-' and '_'");
            return null;
        }
        return id;
    }

    /// <summary>The element at a required key, or an undefined element after reporting it missing.</summary>
    private JsonElement Required(JsonElement element, string path, string key, string hint, out bool found)
    {
        found = element.TryGetProperty(key, out var value);
        if (!found)
        {
            _r.Error(SegmentJsonReader.Join(path, key), $"required: {hint}");
            return default;
        }
        return value;
    }

    /// <summary>A required edge: the id of the node to go to (checked against the nodes later).</summary>
    private string? Target(JsonElement element, string path, string key) =>
        _r.RequiredText(element, path, key, "the id of the node to go to");

    private string? OptionalTarget(JsonElement element, string path, string key) =>
        OptionalText(element, path, key, "the id of the node to go to");

    private WaitStep? ReadWait(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var durationElement = Required(element, path, "duration", $"how long to wait; {SegmentDuration.Hint}", out var hasDuration);
        var duration = hasDuration ? _r.ReadDuration(durationElement, SegmentJsonReader.Join(path, "duration")) : null;
        var next = Target(element, path, "next");
        return _r.Errors.Count == before ? new WaitStep(id, duration!.Value, next!) : null;
    }

    private WaitUntilStep? ReadWaitUntil(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var time = element.TryGetProperty("time", out var timeElement) ? ReadTime(timeElement, SegmentJsonReader.Join(path, "time")) : null;
        var trait = OptionalText(element, path, "trait", "the trait holding the date, e.g. \"renewal_date\"");
        var offset = element.TryGetProperty("offset", out var offsetElement) ? ReadOffset(offsetElement, SegmentJsonReader.Join(path, "offset")) : DateOffset.None;
        if (trait is null && !element.TryGetProperty("trait", out _))
        {
            if (!element.TryGetProperty("time", out _))
                _r.Error(path, "needs 'time' (the next 09:00 on the profile's clock: \"time\":\"09:00\") or 'trait' (a date the profile holds, e.g. \"trait\":\"renewal_date\")");
            if (element.TryGetProperty("offset", out _))
                _r.Error(SegmentJsonReader.Join(path, "offset"), "shifts a trait's date and needs 'trait'; remove it or add a trait");
            if (element.TryGetProperty("missed", out _))
                _r.Error(SegmentJsonReader.Join(path, "missed"), "applies to waits for a trait's date only (a time of day always comes round); remove it");
        }
        var next = Target(element, path, "next");
        var missed = OptionalTarget(element, path, "missed");
        return _r.Errors.Count == before ? new WaitUntilStep(id, time, trait, offset ?? DateOffset.None, next!, missed) : null;
    }

    private WaitForEventStep? ReadWaitForEvent(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var filter = ReadFilter(element, path, "event");
        var matchKey = ReadMatchKey(element, path);
        var timeoutElement = Required(element, path, "timeout", $"how long to wait for the event; {SegmentDuration.Hint}", out var hasTimeout);
        var timeout = hasTimeout ? _r.ReadDuration(timeoutElement, SegmentJsonReader.Join(path, "timeout")) : null;
        var onEvent = Target(element, path, "onEvent");
        var onTimeout = Target(element, path, "onTimeout");
        return _r.Errors.Count == before ? new WaitForEventStep(id, filter!, matchKey, timeout!.Value, onEvent!, onTimeout!) : null;
    }

    private ConditionStep? ReadCondition(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var ifPath = SegmentJsonReader.Join(path, "if");
        StepCondition? test = null;
        var ifElement = Required(element, path, "if", "a condition such as {\"segment\":\"vip\"} or {\"lastMessage\":\"opened\"}", out var hasIf);
        if (hasIf)
        {
            if (ifElement.ValueKind == JsonValueKind.Object && ifElement.TryGetProperty("lastMessage", out var lastElement))
            {
                _r.CheckKeys(ifElement, ifPath, ["lastMessage"]);
                test = ReadLastMessage(lastElement, SegmentJsonReader.Join(ifPath, "lastMessage"));
            }
            else if (_r.ReadRootCondition(ifElement, ifPath) is { } condition)
            {
                test = new ProfileTest(condition);
            }
        }
        var then = Target(element, path, "then");
        var otherwise = Target(element, path, "else");
        return _r.Errors.Count == before ? new ConditionStep(id, test!, then!, otherwise!) : null;
    }

    private LastMessageTest? ReadLastMessage(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var index = Array.IndexOf(EngagementWords, value.GetString());
            if (index >= 0)
                return new LastMessageTest((MessageEngagement)(index + 1));
            _r.Error(path, $"{SegmentJsonReader.Describe(value)} is not one of {SegmentWords.OneOf(EngagementWords)}");
            return null;
        }
        if (!_r.ExpectObject(value, path, "\"opened\" or {\"status\":\"clicked\",\"node\":\"welcome-email\"}"))
            return null;
        var before = _r.Errors.Count;
        _r.CheckKeys(value, path, LastMessageKeys);
        var status = ReadWord(value, path, "status", EngagementWords);
        var node = OptionalText(value, path, "node", "the id of a send step");
        return _r.Errors.Count == before ? new LastMessageTest((MessageEngagement)(status!.Value + 1), node) : null;
    }

    private SplitStep? ReadSplit(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var variantsPath = SegmentJsonReader.Join(path, "variants");
        var variants = new List<SplitVariant>();
        var list = Required(element, path, "variants", "a list such as [{\"name\":\"a\",\"weight\":50,\"next\":\"…\"}]", out var hasVariants);
        if (hasVariants && (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0))
        {
            _r.Error(variantsPath, $"must be a non-empty list such as [{{\"name\":\"a\",\"weight\":50,\"next\":\"…\"}}], not {SegmentJsonReader.Describe(list)}");
        }
        else if (hasVariants)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{variantsPath}[{index++}]";
                if (!_r.ExpectObject(item, itemPath, "{\"name\":\"a\",\"weight\":50,\"next\":\"…\"}"))
                    continue;
                _r.CheckKeys(item, itemPath, VariantKeys);
                var name = _r.RequiredText(item, itemPath, "name", "the variant's name in reports, e.g. \"a\"");
                if (name == SplitStep.ControlName)
                    _r.Error(SegmentJsonReader.Join(itemPath, "name"), "'control' is the control group's name; give the control group its weight with \"control\" and this variant another name");
                else if (name is { Length: > MaxIdLength })
                    _r.Error(SegmentJsonReader.Join(itemPath, "name"), $"is {name.Length} characters long; use at most {MaxIdLength}");
                else if (name is not null && variants.Any(v => v.Name == name))
                    _r.Error(SegmentJsonReader.Join(itemPath, "name"), $"'{name}' names another variant too; give each its own name");
                var weight = ReadWeight(item, itemPath, "weight", 1, required: true);
                var next = Target(item, itemPath, "next");
                if (name is not null && next is not null)
                    variants.Add(new SplitVariant(name, weight, next));
            }
        }
        var control = element.TryGetProperty("control", out _) ? ReadWeight(element, path, "control", 0, required: false) : 0;
        var total = variants.Sum(v => v.Weight) + control;
        if (total > MaxWeight)
            _r.Error(path, $"the weights add up to {total}; keep the variants' and the control's weights at {MaxWeight} or less in all (e.g. percentages)");
        return _r.Errors.Count == before ? new SplitStep(id, variants, control) : null;
    }

    private int ReadWeight(JsonElement element, string path, string key, int min, bool required)
    {
        var weightPath = SegmentJsonReader.Join(path, key);
        if (!element.TryGetProperty(key, out var value))
        {
            if (required)
                _r.Error(weightPath, $"required: a whole number from {min} to {MaxWeight}, e.g. 50");
            return 0;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var weight) && weight >= min && weight <= MaxWeight)
            return weight;
        _r.Error(weightPath, $"{SegmentJsonReader.Describe(value)} is not a weight; use a whole number from {min} to {MaxWeight}");
        return 0;
    }

    private SendStep? ReadSend(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var content = ReadShortText(element, path, "content", "the id of the content to send, e.g. \"cart-reminder\"");
        var channel = _r.RequiredText(element, path, "channel", $"one of {SegmentWords.OneOf(MessageChannels.All)}, or \"choose\"");
        if (channel is not null && channel != SendStep.Chosen && !MessageChannels.IsMessageChannel(channel))
        {
            _r.Error(SegmentJsonReader.Join(path, "channel"),
                $"'{channel}' is not a channel a journey sends on; use one of {SegmentWords.OneOf(MessageChannels.All)}, or \"choose\" for the channel a chooseChannel step picked");
        }
        var next = Target(element, path, "next");
        return _r.Errors.Count == before ? new SendStep(id, content!, channel!, next!) : null;
    }

    private ChooseChannelStep? ReadChooseChannel(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var channelsPath = SegmentJsonReader.Join(path, "channels");
        var channels = new List<string>();
        var list = Required(element, path, "channels", $"the channels to choose from in fallback order, e.g. [\"email\",\"push\",\"sms\"]", out var hasChannels);
        if (hasChannels && (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0))
        {
            _r.Error(channelsPath, $"must be a non-empty list such as [\"email\",\"push\",\"sms\"], not {SegmentJsonReader.Describe(list)}");
        }
        else if (hasChannels)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{channelsPath}[{index++}]";
                var channel = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!MessageChannels.IsMessageChannel(channel))
                    _r.Error(itemPath, $"{SegmentJsonReader.Describe(item)} is not a channel a journey sends on; use one of {SegmentWords.OneOf(MessageChannels.All)}");
                else if (channels.Contains(channel!))
                    _r.Error(itemPath, $"'{channel}' is listed twice; keep one");
                else
                    channels.Add(channel!);
            }
        }
        var next = Target(element, path, "next");
        var none = OptionalTarget(element, path, "none");
        return _r.Errors.Count == before ? new ChooseChannelStep(id, channels, next!, none) : null;
    }

    private UpdateProfileStep? ReadUpdateProfile(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var traitsPath = SegmentJsonReader.Join(path, "traits");
        var traits = new List<TraitUpdate>();
        var map = Required(element, path, "traits", "the traits to set, e.g. {\"winback_offer\":\"SPRING10\"}", out var hasTraits);
        if (hasTraits && (map.ValueKind != JsonValueKind.Object || !map.EnumerateObject().Any()))
        {
            _r.Error(traitsPath, $"must be a non-empty object such as {{\"winback_offer\":\"SPRING10\"}}, not {SegmentJsonReader.Describe(map)}");
        }
        else if (hasTraits)
        {
            foreach (var property in map.EnumerateObject())
            {
                var traitPath = SegmentJsonReader.Join(traitsPath, property.Name);
                if (string.IsNullOrWhiteSpace(property.Name))
                    _r.Error(traitsPath, "has a trait with an empty name; name every trait");
                else if (traits.Any(t => t.Name == property.Name))
                    _r.Error(traitPath, "appears twice; keep one");
                else if (property.Value.ValueKind == JsonValueKind.Null)
                    traits.Add(new TraitUpdate(property.Name, null));
                else if (_r.ReadScalar(property.Value, traitPath, "a trait") is { } literal)
                    traits.Add(new TraitUpdate(property.Name, literal));
            }
        }
        var next = Target(element, path, "next");
        return _r.Errors.Count == before ? new UpdateProfileStep(id, traits, next!) : null;
    }

    private WebhookStep? ReadWebhook(JsonElement element, string path, string id)
    {
        var before = _r.Errors.Count;
        var url = _r.RequiredText(element, path, "url", "an absolute http or https URL");
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            _r.Error(SegmentJsonReader.Join(path, "url"), $"'{url}' is not an absolute http or https URL, e.g. \"https://crm.example.com/hooks/winback\"");
        var method = "POST";
        if (element.TryGetProperty("method", out var methodElement))
        {
            method = methodElement.ValueKind == JsonValueKind.String ? methodElement.GetString()! : "";
            if (Array.IndexOf(Methods, method) < 0)
                _r.Error(SegmentJsonReader.Join(path, "method"), $"{SegmentJsonReader.Describe(methodElement)} is not one of {SegmentWords.OneOf(Methods)}");
        }
        var body = element.TryGetProperty("body", out _) ? ReadShortText(element, path, "body", "the id of the template the body is rendered from") : null;
        var next = Target(element, path, "next");
        return _r.Errors.Count == before ? new WebhookStep(id, url!, method, body, next!) : null;
    }

    private string? ReadShortText(JsonElement element, string path, string key, string hint)
    {
        var text = _r.RequiredText(element, path, key, hint);
        if (text is { Length: > MaxTextLength })
        {
            _r.Error(SegmentJsonReader.Join(path, key), $"is {text.Length} characters long; use at most {MaxTextLength}");
            return null;
        }
        return text;
    }
}
