using System.Globalization;
using System.Text;

namespace Omnia.Core.Content;

/// <summary>
/// Checks a rendered message against its channel's limits (<see cref="ChannelLimits"/>): required parts, SMS encoding
/// and segments, lengths, sizes, and links (HTML anchors well-formed and pointing to absolute http(s) URLs; the SMS
/// link count; push and in-app links absolute). Runs on rendered text, since Liquid decides what the person gets:
/// preview with a real profile to see the issues that person's message would have.
/// </summary>
public static class ChannelConstraints
{
    /// <summary>Every issue of <paramref name="message"/>, errors and warnings, in part order.</summary>
    public static IReadOnlyList<ContentIssue> Check(RenderedMessage message, ChannelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        limits ??= ChannelLimits.Default;
        var issues = new List<ContentIssue>();
        var prefix = ContentChannels.JsonKey(message.Channel);
        switch (message.Channel)
        {
            case ContentChannels.Email:
                Email(message, limits, prefix, issues);
                break;
            case ContentChannels.Sms:
                Sms(message.Text, limits, $"{prefix}.text", issues);
                break;
            case ContentChannels.Push:
                Push(message, limits, prefix, issues);
                break;
            case ContentChannels.InApp:
                InApp(message, limits, prefix, issues);
                break;
            case ContentChannels.Web:
                Required(message.Html, $"{prefix}.html", "the HTML fragment", issues);
                if (message.Html is { } fragment)
                {
                    HtmlLinks(fragment, $"{prefix}.html", issues);
                    var bytes = Encoding.UTF8.GetByteCount(fragment);
                    if (bytes > limits.WebSlotMaxBytes)
                        issues.Add(Warn($"{prefix}.html", "web_size", $"is {Kb(bytes)}; keep a slot fragment under {Kb(limits.WebSlotMaxBytes)} so it does not slow the page"));
                }
                break;
            case ContentChannels.Webhook:
                Webhook(message, prefix, issues);
                break;
            default:
                throw new ArgumentException($"'{message.Channel}' is not a content channel; use one of {string.Join(", ", ContentChannels.All)}.", nameof(message));
        }
        return issues;
    }

    /// <summary>A webhook body is required, and a JSON one must parse: a value with a quote in it breaks JSON unless written with <c>| json</c>.</summary>
    private static void Webhook(RenderedMessage m, string prefix, List<ContentIssue> issues)
    {
        if (!Required(m.Body, $"{prefix}.body", "the request body", issues) || !WebhookVariant.IsJson(m.ContentType))
            return;
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(m.Body!);
        }
        catch (System.Text.Json.JsonException e)
        {
            issues.Add(Error($"{prefix}.body", "webhook_json",
                $"does not render to valid JSON ({e.Message.Split(" Path:")[0]}); write text values with | json, e.g. {{\"name\": {{{{ profile.first_name | json }}}}}}"));
        }
    }

    private static void Email(RenderedMessage m, ChannelLimits limits, string prefix, List<ContentIssue> issues)
    {
        if (Required(m.Subject, $"{prefix}.subject", "a subject line", issues))
        {
            var subject = m.Subject!.Trim();
            if (subject.Length > limits.EmailSubjectMax)
                issues.Add(Warn($"{prefix}.subject", "email_subject_length", $"is {subject.Length} characters; inboxes show the first 40–70, so keep it under {limits.EmailSubjectMax}"));
            if (subject.Contains('\n') || subject.Contains('\r'))
                issues.Add(Error($"{prefix}.subject", "email_subject_newline", "contains a line break, which a subject cannot hold; keep it on one line"));
        }
        if (m.Preheader is { } preheader && preheader.Trim().Length > limits.EmailPreheaderMax)
            issues.Add(Warn($"{prefix}.preheader", "email_preheader_length", $"is {preheader.Trim().Length} characters; inboxes show up to about {limits.EmailPreheaderMax}"));
        if (string.IsNullOrWhiteSpace(m.Html) && string.IsNullOrWhiteSpace(m.Text))
            issues.Add(Error(prefix, "required", "renders no body: both html and text are empty; give at least one"));
        if (m.Html is { } html)
        {
            HtmlLinks(html, $"{prefix}.html", issues);
            var bytes = Encoding.UTF8.GetByteCount(html);
            if (bytes > limits.EmailClipBytes)
                issues.Add(Warn($"{prefix}.html", "email_clipped", $"is {Kb(bytes)}; Gmail clips messages over 102 KB and hides the rest (often the unsubscribe link)"));
        }
        if (m.Text is { } text)
            TextLinks(text, $"{prefix}.text", issues);
        var total = Encoding.UTF8.GetByteCount(m.Html ?? "") + Encoding.UTF8.GetByteCount(m.Text ?? "") + Encoding.UTF8.GetByteCount(m.Subject ?? "");
        if (total > limits.EmailMaxBytes)
            issues.Add(Error(prefix, "email_size", $"is {Kb(total)}; mail providers refuse messages over {Kb(limits.EmailMaxBytes)}"));
    }

    private static void Sms(string? text, ChannelLimits limits, string path, List<ContentIssue> issues)
    {
        if (!Required(text, path, "the message text", issues))
            return;
        var measured = SmsText.Measure(text!);
        if (measured.Encoding == SmsEncoding.Ucs2)
        {
            var swaps = measured.NonGsmCharacters.Where(c => SmsText.GsmLookalike(c) is not null).ToList();
            var fix = swaps.Count > 0
                ? $"; replace {string.Join(", ", swaps.Select(c => $"'{c}' with '{SmsText.GsmLookalike(c)}'"))} to send as GSM-7"
                : "";
            issues.Add(Warn(path, "sms_ucs2",
                $"is sent as UCS-2 (70 characters per segment, 67 when split) because of {string.Join(" ", measured.NonGsmCharacters.Take(5).Select(c => $"'{c}' ({Code(c)})"))}{fix}; {measured}"));
        }
        if (measured.Segments > limits.SmsMaxSegments)
            issues.Add(Error(path, "sms_segments", $"needs {measured.Segments} segments ({measured}); at most {limits.SmsMaxSegments} are allowed, so shorten it"));
        var links = Links.InText(text!);
        foreach (var link in links.Where(l => !Links.IsWebUrl(l)))
            issues.Add(Error(path, "link_invalid", $"'{link}' is not a valid http(s) URL"));
        if (links.Count > limits.SmsMaxLinks)
            issues.Add(Warn(path, "sms_links", $"has {links.Count} links; carriers filter texts with many links, so keep at most {limits.SmsMaxLinks}"));
    }

    private static void Push(RenderedMessage m, ChannelLimits limits, string prefix, List<ContentIssue> issues)
    {
        Required(m.Body, $"{prefix}.body", "the notification text", issues);
        if (m.Title is { } title && title.Length > limits.PushTitleMax)
            issues.Add(Warn($"{prefix}.title", "push_title_length", $"is {title.Length} characters; lock screens cut titles at about {limits.PushTitleMax}"));
        if (m.Body is { } body && body.Length > limits.PushBodyMax)
            issues.Add(Warn($"{prefix}.body", "push_body_length", $"is {body.Length} characters; a collapsed notification shows about {limits.PushBodyMax}"));
        AppLink(m.Link, $"{prefix}.link", issues);
        var bytes = Encoding.UTF8.GetByteCount(m.Title ?? "") + Encoding.UTF8.GetByteCount(m.Body ?? "") + Encoding.UTF8.GetByteCount(m.Link ?? "");
        if (bytes > limits.PushPayloadMaxBytes)
            issues.Add(Error(prefix, "push_payload_size", $"title, body and link take {bytes:N0} bytes; FCM refuses notifications over {limits.PushPayloadMaxBytes:N0}"));
    }

    private static void InApp(RenderedMessage m, ChannelLimits limits, string prefix, List<ContentIssue> issues)
    {
        if (Required(m.Title, $"{prefix}.title", "a title", issues) && m.Title!.Length > limits.InAppTitleMax)
            issues.Add(Warn($"{prefix}.title", "inapp_title_length", $"is {m.Title.Length} characters; keep it under {limits.InAppTitleMax}"));
        if (Required(m.Body, $"{prefix}.body", "the message text", issues) && m.Body!.Length > limits.InAppBodyMax)
            issues.Add(Warn($"{prefix}.body", "inapp_body_length", $"is {m.Body.Length} characters; keep it under {limits.InAppBodyMax}"));
        if (m.Button is { } button)
        {
            if (string.IsNullOrWhiteSpace(button))
                issues.Add(Error($"{prefix}.button", "required", "renders empty; a button needs text, e.g. \"Back to my cart\""));
            else if (button.Length > limits.InAppButtonMax)
                issues.Add(Warn($"{prefix}.button", "inapp_button_length", $"is {button.Length} characters; buttons fit about {limits.InAppButtonMax}"));
        }
        AppLink(m.Link, $"{prefix}.link", issues);
    }

    /// <summary>A deep link: an absolute URI (an app scheme such as <c>shop://cart</c>, or http(s)); never script or data.</summary>
    private static void AppLink(string? link, string path, List<ContentIssue> issues)
    {
        if (link is null)
            return;
        if (link.Length == 0)
        {
            issues.Add(Error(path, "link_invalid", "renders empty; give the screen or page to open, e.g. \"shop://cart\" or \"https://shop.example.com/cart\""));
            return;
        }
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || link.Any(char.IsWhiteSpace))
            issues.Add(Error(path, "link_invalid", $"'{link}' is not an absolute link; use an app link such as \"shop://cart\" or an https URL"));
        else if (uri.Scheme is "javascript" or "data" or "file" or "vbscript")
            issues.Add(Error(path, "link_invalid", $"'{uri.Scheme}:' links are not allowed; use an app link or an https URL"));
        else if ((uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !Links.IsWebUrl(link))
            issues.Add(Error(path, "link_invalid", $"'{link}' is not a valid http(s) URL"));
    }

    private static void HtmlLinks(string html, string path, List<ContentIssue> issues)
    {
        foreach (var link in Links.InHtml(html))
        {
            if (link.Problem is not null)
                issues.Add(Error(path, "link_malformed", $"an <a> tag is malformed: {link.Problem}"));
            else if (link.Target.Length == 0)
                issues.Add(Error(path, "link_invalid", "a link renders an empty href; give it a URL (a default for a missing value: {{ event.url | default: \"https://…\" }})"));
            else if (!Links.IsWebUrl(link.Target))
                issues.Add(Error(path, "link_invalid", $"link '{Shorten(link.Target)}' is not an absolute http(s) URL; links must start with https:// (or http://)"));
        }
        var unclosed = Links.UnclosedAnchors(html);
        if (unclosed != 0)
            issues.Add(Warn(path, "link_unclosed", unclosed > 0 ? $"{unclosed} <a> tag(s) are not closed with </a>" : $"{-unclosed} </a> tag(s) close nothing"));
    }

    private static void TextLinks(string text, string path, List<ContentIssue> issues)
    {
        foreach (var link in Links.InText(text).Where(l => !Links.IsWebUrl(l)))
            issues.Add(Error(path, "link_invalid", $"'{Shorten(link)}' is not a valid http(s) URL"));
    }

    private static bool Required(string? value, string path, string what, List<ContentIssue> issues)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return true;
        issues.Add(Error(path, "required", $"renders empty; it needs {what} (give missing values a default: {{{{ traits.first_name | default: \"there\" }}}})"));
        return false;
    }

    private static string Code(string character) =>
        string.Join(" ", character.EnumerateRunes().Select(r => $"U+{r.Value.ToString("X4", CultureInfo.InvariantCulture)}"));

    private static string Kb(int bytes) => $"{bytes / 1024.0:0.#} KB";

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static ContentIssue Error(string path, string code, string message) => new(path, IssueSeverity.Error, code, message);

    private static ContentIssue Warn(string path, string code, string message) => new(path, IssueSeverity.Warning, code, message);
}
