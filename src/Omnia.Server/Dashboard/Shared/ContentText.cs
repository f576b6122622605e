using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>The content editor's form: its fields as a content item's JSON and back, and channel names.</summary>
public static class ContentText
{
    /// <summary>The variants in tab order: code, JSON key, label.</summary>
    public static IReadOnlyList<(string Code, string Key, string Label)> Variants { get; } =
        [("email", "email", "Email"), ("sms", "sms", "SMS"), ("push", "push", "Push"), ("in_app", "inApp", "In-app"), ("web", "web", "Web slot"), ("webhook", "webhook", "Webhook body")];

    /// <summary>The parts of each variant's JSON object: key, label, multi-line.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Key, string Label, bool Long)>> Parts { get; } = new Dictionary<string, IReadOnlyList<(string, string, bool)>>
    {
        ["email"] = [("subject", "Subject", false), ("preheader", "Preheader", false), ("html", "HTML", true), ("text", "Plain text", true)],
        ["sms"] = [("text", "Text", true)],
        ["push"] = [("title", "Title", false), ("body", "Body", true), ("link", "Deep link", false)],
        ["inApp"] = [("title", "Title", false), ("body", "Body", true), ("button", "Button", false), ("link", "Link", false)],
        ["web"] = [("slot", "Slot", false), ("html", "HTML", true)],
        ["webhook"] = [("contentType", "Content type", false), ("body", "Body", true)],
    };

    public static string ChannelName(string code) => Variants.FirstOrDefault(v => v.Code == code).Label ?? code;

    /// <summary>The form's fields (<c>name</c>, <c>email.subject</c>, <c>consistency.offer</c>, …) as a content item's JSON; empty parts are left out.</summary>
    public static string ToJson(IReadOnlyDictionary<string, string?> fields)
    {
        string? Get(string key) => fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        var root = new JsonObject { ["version"] = 1, ["name"] = Get("name") ?? "" };
        if (Get("description") is { } description)
            root["description"] = description;
        if (Get("campaign") is { } campaign)
            root["campaign"] = campaign;
        var consistency = new JsonObject();
        if (Get("consistency.offer") is { } offer)
            consistency["offer"] = new JsonArray([.. Split(offer).Select(o => (JsonNode)o)]);
        if (Get("consistency.ctaUrl") is { } cta)
            consistency["ctaUrl"] = cta.Trim();
        if (Get("consistency.keyPhrases") is { } phrases)
            consistency["keyPhrases"] = new JsonArray([.. Split(phrases).Select(o => (JsonNode)o)]);
        if (consistency.Count > 0)
            root["consistency"] = consistency;
        foreach (var (_, key, _) in Variants)
        {
            if (Get($"{key}.on") is null)
                continue;
            var variant = new JsonObject();
            foreach (var (part, _, _) in Parts[key])
            {
                if (Get($"{key}.{part}") is { } value)
                    variant[part] = value;
            }
            root[key] = variant;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A content item's JSON as the form's fields.</summary>
    public static Dictionary<string, string?> ToFields(string json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is not JsonObject root)
            return fields;
        fields["name"] = root["name"]?.GetValue<string>();
        fields["description"] = root["description"]?.GetValue<string>();
        fields["campaign"] = root["campaign"]?.GetValue<string>();
        if (root["consistency"] is JsonObject c)
        {
            fields["consistency.offer"] = c["offer"] is JsonArray o ? string.Join(", ", o.Select(x => x?.GetValue<string>())) : null;
            fields["consistency.ctaUrl"] = c["ctaUrl"]?.GetValue<string>();
            fields["consistency.keyPhrases"] = c["keyPhrases"] is JsonArray k ? string.Join(", ", k.Select(x => x?.GetValue<string>())) : null;
        }
        foreach (var (_, key, _) in Variants)
        {
            if (root[key] is not JsonObject variant)
                continue;
            fields[$"{key}.on"] = "on";
            foreach (var (part, _, _) in Parts[key])
                fields[$"{key}.{part}"] = variant[part]?.GetValue<string>();
        }
        return fields;
    }

    private static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
