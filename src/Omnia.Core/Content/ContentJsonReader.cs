using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Content;

/// <summary>
/// Reads the content JSON format with the segment reader's strictness (camelCase keys, no unknown or repeated keys;
/// comments and trailing commas allowed), collecting every problem with its path, Liquid syntax errors included
/// (<c>email.html: line 3, column 12: '{% endif %}' was expected</c>).
/// </summary>
internal sealed partial class ContentJsonReader
{
    private static readonly string[] RootKeys = ["version", "name", "description", "campaign", "consistency", "email", "sms", "push", "inApp", "web", "webhook"];
    private static readonly string[] ConsistencyKeys = ["offer", "ctaUrl", "keyPhrases"];
    private static readonly string[] EmailKeys = ["subject", "preheader", "html", "text"];
    private static readonly string[] SmsKeys = ["text"];
    private static readonly string[] PushKeys = ["title", "body", "link"];
    private static readonly string[] InAppKeys = ["title", "body", "button", "link"];
    private static readonly string[] WebKeys = ["slot", "html"];
    private static readonly string[] WebhookKeys = ["body", "contentType"];

    private const int MaxNameLength = 200;

    /// <summary>The longest template part, in characters.</summary>
    internal const int MaxTemplateLength = 512 * 1024;

    private readonly SegmentJsonReader _r = new(ComputedTraitCatalog.BuiltIns);

    public static ContentParseResult Read(string json)
    {
        if (!SegmentJsonReader.TryParseDocument(json, out var document, out var notJson))
            return new ContentParseResult(null, [notJson]);
        using (document)
        {
            var reader = new ContentJsonReader();
            var content = reader.ReadContent(document.RootElement);
            return reader._r.Errors.Count == 0 && content is not null
                ? new ContentParseResult(content, [])
                : new ContentParseResult(null, reader._r.Errors);
        }
    }

    private ContentItem? ReadContent(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            _r.Error("$", $"must be a JSON object like {{\"version\":1,\"name\":\"…\",\"email\":{{…}}}}, not {SegmentJsonReader.Describe(root)}");
            return null;
        }
        _r.CheckKeys(root, "", RootKeys);
        _r.ReadVersion(root);
        var name = _r.RequiredText(root, "", "name", "the content's name as people will see it, e.g. \"Cart reminder\"");
        if (name is { Length: > MaxNameLength })
            _r.Error("name", $"is {name.Length} characters long; use at most {MaxNameLength}");
        var description = OptionalText(root, "", "description");
        var campaign = OptionalText(root, "", "campaign");
        if (campaign is { Length: > MaxNameLength })
            _r.Error("campaign", $"is {campaign.Length} characters long; use at most {MaxNameLength}");
        var consistency = root.TryGetProperty("consistency", out var c) ? ReadConsistency(c, "consistency") : ConsistencyRules.None;

        var email = Variant(root, "email", EmailKeys, ReadEmail);
        var sms = Variant(root, "sms", SmsKeys, (e, p) => Template(e, p, "text", true, false) is { } text ? new SmsVariant(text) : null);
        var push = Variant(root, "push", PushKeys, ReadPush);
        var inApp = Variant(root, "inApp", InAppKeys, ReadInApp);
        var web = Variant(root, "web", WebKeys, ReadWeb);
        var webhook = Variant(root, "webhook", WebhookKeys, ReadWebhook);
        if (!ContentChannels.All.Any(channel => root.TryGetProperty(ContentChannels.JsonKey(channel), out _)))
            _r.Error("$", "needs at least one variant: email, sms, push, inApp, web or webhook, e.g. {\"sms\":{\"text\":\"Your cart is waiting\"}}");

        return name is null || consistency is null ? null : new ContentItem(name, description, campaign, consistency, email, sms, push, inApp, web) { Webhook = webhook };
    }

    private T? Variant<T>(JsonElement root, string key, string[] keys, Func<JsonElement, string, T?> read) where T : class
    {
        if (!root.TryGetProperty(key, out var element))
            return null;
        if (!_r.ExpectObject(element, key, $"{{\"{keys[0]}\":\"…\"}}"))
            return null;
        _r.CheckKeys(element, key, keys);
        return read(element, key);
    }

    private EmailVariant? ReadEmail(JsonElement element, string path)
    {
        var subject = Template(element, path, "subject", true, false);
        var preheader = Template(element, path, "preheader", false, false);
        var html = Template(element, path, "html", false, true);
        var text = Template(element, path, "text", false, false);
        if (!element.TryGetProperty("html", out _) && !element.TryGetProperty("text", out _))
            _r.Error(path, "needs a body: \"html\", \"text\" or both (both reads best in every mail program)");
        return subject is null || (html is null && text is null) ? null : new EmailVariant(subject, preheader, html, text);
    }

    private PushVariant? ReadPush(JsonElement element, string path)
    {
        var title = Template(element, path, "title", false, false);
        var body = Template(element, path, "body", true, false);
        var link = Template(element, path, "link", false, false);
        return body is null ? null : new PushVariant(title, body, link);
    }

    private InAppVariant? ReadInApp(JsonElement element, string path)
    {
        var title = Template(element, path, "title", true, false);
        var body = Template(element, path, "body", true, false);
        var button = Template(element, path, "button", false, false);
        var link = Template(element, path, "link", false, false);
        var hasButton = element.TryGetProperty("button", out _);
        if (hasButton != element.TryGetProperty("link", out _))
        {
            _r.Error(SegmentJsonReader.Join(path, hasButton ? "link" : "button"),
                hasButton ? "required with a button: the link the button opens" : "required with a link: the button's text, e.g. \"Back to my cart\"");
        }
        return title is null || body is null ? null : new InAppVariant(title, body, button, link);
    }

    private WebhookVariant? ReadWebhook(JsonElement element, string path)
    {
        var contentType = OptionalText(element, path, "contentType");
        if (contentType is not null && !MediaType().IsMatch(contentType))
        {
            _r.Error(SegmentJsonReader.Join(path, "contentType"),
                $"'{contentType}' is not a media type; write one like \"application/json\" or \"application/x-www-form-urlencoded\"");
            contentType = null;
        }
        var body = Template(element, path, "body", true, false);
        return body is null ? null : new WebhookVariant(body, contentType ?? WebhookVariant.DefaultContentType);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=[^;]+)*$")]
    private static partial System.Text.RegularExpressions.Regex MediaType();

    private WebSlotVariant? ReadWeb(JsonElement element, string path)
    {
        string? slot = null;
        if (element.TryGetProperty("slot", out var slotElement) && slotElement.ValueKind != JsonValueKind.Null)
        {
            slot = slotElement.ValueKind == JsonValueKind.String ? slotElement.GetString() : null;
            if (slot is null || !SegmentJsonReader.IsSlug(slot))
            {
                _r.Error(SegmentJsonReader.Join(path, "slot"),
                    $"{SegmentJsonReader.Describe(slotElement)} is not a slot name; use lowercase letters, digits and dashes, e.g. \"home-hero\"");
            }
        }
        var html = Template(element, path, "html", true, true);
        return html is null ? null : new WebSlotVariant(slot, html);
    }

    /// <summary>A template part: text that parses as Liquid. Null (and maybe an error) otherwise.</summary>
    private string? Template(JsonElement element, string path, string key, bool required, bool isHtml)
    {
        var partPath = SegmentJsonReader.Join(path, key);
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                _r.Error(partPath, $"required: {Hint(key)}");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            _r.Error(partPath, $"must be text (a Liquid template), not {SegmentJsonReader.Describe(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            _r.Error(partPath, $"is empty; write {Hint(key)}");
            return null;
        }
        if (text.Length > MaxTemplateLength)
        {
            _r.Error(partPath, $"is {text.Length:N0} characters long; a part has at most {MaxTemplateLength:N0}");
            return null;
        }
        if (LiquidTemplate.TryParse(text, isHtml, out var error) is null)
        {
            _r.Error(partPath, error!.ToString());
            return null;
        }
        return text;
    }

    private static string Hint(string key) => key switch
    {
        "subject" => "the subject line, e.g. \"{{ traits.first_name | default: 'Hi' }}, your cart is waiting\"",
        "text" => "the message text",
        "body" => "the message text",
        "title" => "a short title",
        "html" => "the HTML",
        _ => "text",
    };

    private ConsistencyRules? ReadConsistency(JsonElement element, string path)
    {
        if (!_r.ExpectObject(element, path, "{\"offer\":[\"COMEBACK10\",\"10%\"],\"ctaUrl\":\"https://shop.example.com/cart\",\"keyPhrases\":[\"free returns\"]}"))
            return null;
        _r.CheckKeys(element, path, ConsistencyKeys);
        var before = _r.Errors.Count;
        var offer = TextList(element, path, "offer", "an offer such as a discount code \"COMEBACK10\" or \"10%\"");
        var phrases = TextList(element, path, "keyPhrases", "a phrase every variant must say, e.g. \"free returns\"");
        string? cta = null;
        if (element.TryGetProperty("ctaUrl", out var ctaElement) && ctaElement.ValueKind != JsonValueKind.Null)
        {
            cta = ctaElement.ValueKind == JsonValueKind.String ? ctaElement.GetString() : null;
            if (!Links.IsWebUrl(cta))
            {
                _r.Error(SegmentJsonReader.Join(path, "ctaUrl"),
                    $"{SegmentJsonReader.Describe(ctaElement)} is not an absolute http(s) URL; give the landing page, e.g. \"https://shop.example.com/cart\"");
            }
        }
        return _r.Errors.Count == before ? new ConsistencyRules(offer, cta, phrases) : null;
    }

    private List<string> TextList(JsonElement element, string path, string key, string what)
    {
        var list = new List<string>();
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return list;
        var listPath = SegmentJsonReader.Join(path, key);
        if (value.ValueKind != JsonValueKind.Array)
        {
            _r.Error(listPath, $"must be a list of texts, each {what}, not {SegmentJsonReader.Describe(value)}");
            return list;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (_r.NonBlankText(item, $"{listPath}[{index++}]", what) is { } text)
                list.Add(text.Trim());
        }
        return list;
    }

    private string? OptionalText(JsonElement element, string path, string key)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        _r.Error(SegmentJsonReader.Join(path, key), $"must be text, not {SegmentJsonReader.Describe(value)}");
        return null;
    }
}
