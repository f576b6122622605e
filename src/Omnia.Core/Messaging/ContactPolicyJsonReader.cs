using System.Globalization;
using System.Text.Json;
using Omnia.Core.Journeys;
using Omnia.Core.Segments;

namespace Omnia.Core.Messaging;

/// <summary>Reads the contact policy JSON with the segment reader's strictness, every problem with its path.</summary>
internal sealed class ContactPolicyJsonReader
{
    private static readonly string[] RootKeys = ["version", "consent", "caps", "quietHours", "controlGroup"];
    private static readonly string[] CapKeys = ["channel", "max", "days"];
    private static readonly string[] QuietKeys = ["from", "to", "action", "channels"];
    private static readonly string[] ControlKeys = ["percent"];
    private static readonly string[] ConsentWords = ["optIn", "optOut", "none"];
    private static readonly string[] ActionWords = ["defer", "skip"];

    internal const int MaxCaps = 20;
    internal const int MaxCapMessages = 1000;
    internal const int MaxCapDays = 365;
    internal const decimal MaxControlPercent = 50;

    private readonly SegmentJsonReader _r = new(ComputedTraitCatalog.BuiltIns);

    public static ContactPolicyParseResult Read(string json)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new ContactPolicyParseResult(null, [notJson]);
        using (document)
        {
            var reader = new ContactPolicyJsonReader();
            var policy = reader.ReadPolicy(document.RootElement);
            return reader._r.Errors.Count == 0 && policy is not null
                ? new ContactPolicyParseResult(policy, [])
                : new ContactPolicyParseResult(null, reader._r.Errors);
        }
    }

    private ContactPolicy? ReadPolicy(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _r.Error("$", $"must be a JSON object like {{\"version\":1,\"caps\":[{{\"channel\":\"email\",\"max\":1,\"days\":1}}]}}, not {SegmentJsonReader.Describe(root)}");
            return null;
        }
        _r.CheckKeys(root, "", RootKeys);
        _r.ReadVersion(root);
        var consent = new Dictionary<string, ConsentMode>(ContactPolicy.DefaultConsent, StringComparer.Ordinal);
        if (root.TryGetProperty("consent", out var consentElement) && _r.ExpectObject(consentElement, "consent", "{\"email\":\"optIn\",\"in_app\":\"none\"}"))
        {
            _r.CheckKeys(consentElement, "consent", [.. MessageChannels.All]);
            foreach (var channel in MessageChannels.All)
            {
                if (consentElement.TryGetProperty(channel, out _) && ReadWord(consentElement, "consent", channel, ConsentWords) is { } mode)
                    consent[channel] = (ConsentMode)mode;
            }
        }
        var caps = root.TryGetProperty("caps", out var capsElement) ? ReadCaps(capsElement, "caps") : [];
        var quiet = root.TryGetProperty("quietHours", out var quietElement) && quietElement.ValueKind != JsonValueKind.Null ? ReadQuiet(quietElement, "quietHours") : null;
        decimal percent = 0;
        if (root.TryGetProperty("controlGroup", out var control) && control.ValueKind != JsonValueKind.Null && _r.ExpectObject(control, "controlGroup", "{\"percent\":5}"))
        {
            _r.CheckKeys(control, "controlGroup", ControlKeys);
            if (!control.TryGetProperty("percent", out var p))
                _r.Error("controlGroup.percent", "required: the share of profiles held out of every message, e.g. 5");
            else if (p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out percent) || percent < 0 || percent > MaxControlPercent || decimal.Round(percent, 2) != percent)
                _r.Error("controlGroup.percent", $"{SegmentJsonReader.Describe(p)} is not a percentage from 0 to {MaxControlPercent} with at most two decimals, e.g. 5 or 2.5");
        }
        return _r.Errors.Count == 0 ? new ContactPolicy(consent, caps ?? [], quiet, percent) : null;
    }

    private List<FrequencyCap>? ReadCaps(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            _r.Error(path, $"must be a list of caps like [{{\"channel\":\"email\",\"max\":1,\"days\":1}},{{\"max\":3,\"days\":7}}], not {SegmentJsonReader.Describe(element)}");
            return null;
        }
        if (element.GetArrayLength() > MaxCaps)
            _r.Error(path, $"has {element.GetArrayLength()} caps; use at most {MaxCaps}");
        var caps = new List<FrequencyCap>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var capPath = $"{path}[{index++}]";
            if (!_r.ExpectObject(item, capPath, "{\"channel\":\"email\",\"max\":1,\"days\":1}"))
                continue;
            _r.CheckKeys(item, capPath, CapKeys);
            string? channel = null;
            if (item.TryGetProperty("channel", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                channel = c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (!MessageChannels.IsMessageChannel(channel))
                {
                    _r.Error(SegmentJsonReader.Join(capPath, "channel"),
                        $"{SegmentJsonReader.Describe(c)} is not one of {SegmentWords.OneOf(MessageChannels.All)}; leave it out to cap all channels together");
                    channel = null;
                }
            }
            var max = ReadCount(item, capPath, "max", MaxCapMessages, "how many messages at most, e.g. 1");
            var days = ReadCount(item, capPath, "days", MaxCapDays, "over how many calendar days, e.g. 1 for a day or 7 for a week");
            if (max is { } m && days is { } d)
            {
                var cap = new FrequencyCap(channel, m, d);
                if (caps.Contains(cap))
                    _r.Error(capPath, $"repeats the cap {cap}; keep one");
                caps.Add(cap);
            }
        }
        return caps;
    }

    private QuietHours? ReadQuiet(JsonElement element, string path)
    {
        if (!_r.ExpectObject(element, path, "{\"from\":\"21:00\",\"to\":\"08:00\",\"action\":\"defer\"}"))
            return null;
        _r.CheckKeys(element, path, QuietKeys);
        var from = ReadTime(element, path, "from");
        var to = ReadTime(element, path, "to");
        if (from is not null && from == to)
            _r.Error(SegmentJsonReader.Join(path, "to"), "equals 'from'; quiet hours need a start and a different end, e.g. 21:00 to 08:00");
        var action = element.TryGetProperty("action", out _) ? ReadWord(element, path, "action", ActionWords) : 0;
        var channels = new List<string>();
        if (element.TryGetProperty("channels", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            var listPath = SegmentJsonReader.Join(path, "channels");
            if (list.ValueKind != JsonValueKind.Array)
            {
                _r.Error(listPath, $"must be a list such as [\"sms\",\"push\"], not {SegmentJsonReader.Describe(list)}");
            }
            else
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var channel = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (MessageChannels.IsMessageChannel(channel))
                        channels.Add(channel!);
                    else
                        _r.Error($"{listPath}[{i}]", $"{SegmentJsonReader.Describe(item)} is not one of {SegmentWords.OneOf(MessageChannels.All)}");
                    i++;
                }
            }
        }
        return from is { } f && to is { } t && action is { } a ? new QuietHours(f, t, (QuietHoursAction)a, channels) : null;
    }

    private TimeOnly? ReadTime(JsonElement element, string path, string key)
    {
        var timePath = SegmentJsonReader.Join(path, key);
        if (!element.TryGetProperty(key, out var value))
        {
            _r.Error(timePath, $"required: a 24-hour time such as \"{(key == "from" ? "21:00" : "08:00")}\"");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        _r.Error(timePath, $"{SegmentJsonReader.Describe(value)} is not a time; use 24-hour HH:mm such as \"21:00\"");
        return null;
    }

    private int? ReadCount(JsonElement element, string path, string key, int max, string hint)
    {
        var countPath = SegmentJsonReader.Join(path, key);
        if (!element.TryGetProperty(key, out var value))
        {
            _r.Error(countPath, $"required: {hint}");
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1 && n <= max)
            return n;
        _r.Error(countPath, $"{SegmentJsonReader.Describe(value)} is not a whole number from 1 to {max}; use {hint}");
        return null;
    }

    private int? ReadWord(JsonElement element, string path, string key, string[] words)
    {
        var value = element.GetProperty(key);
        var index = value.ValueKind == JsonValueKind.String ? Array.IndexOf(words, value.GetString()) : -1;
        if (index >= 0)
            return index;
        _r.Error(SegmentJsonReader.Join(path, key), $"{SegmentJsonReader.Describe(value)} is not one of {SegmentWords.OneOf(words)}");
        return null;
    }
}
