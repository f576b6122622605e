using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omnia.Core.Content;

/// <summary>Writes the canonical content JSON: fixed key order, absent parts and variants left out, indented.</summary>
internal static class ContentJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ContentItem content)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("version", ContentItem.CurrentVersion);
            w.WriteString("name", content.Name);
            Optional(w, "description", content.Description);
            Optional(w, "campaign", content.Campaign);
            var rules = content.Consistency;
            if (rules.Offer.Count > 0 || rules.CtaUrl is not null || rules.KeyPhrases.Count > 0)
            {
                w.WriteStartObject("consistency");
                List(w, "offer", rules.Offer);
                Optional(w, "ctaUrl", rules.CtaUrl);
                List(w, "keyPhrases", rules.KeyPhrases);
                w.WriteEndObject();
            }
            foreach (var channel in content.Channels)
            {
                var variant = content.Variant(channel)!;
                w.WriteStartObject(ContentChannels.JsonKey(channel));
                if (variant is WebSlotVariant { Slot: { } slot })
                    w.WriteString("slot", slot);
                if (variant is WebhookVariant webhook)
                    w.WriteString("contentType", webhook.ContentType);
                foreach (var (part, template, _) in variant.Parts)
                    w.WriteString(part, template);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Optional(Utf8JsonWriter w, string key, string? value)
    {
        if (value is not null)
            w.WriteString(key, value);
    }

    private static void List(Utf8JsonWriter w, string key, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        w.WriteStartArray(key);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
