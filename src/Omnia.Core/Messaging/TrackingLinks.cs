using System.Text.RegularExpressions;
using Omnia.Core.Content;

namespace Omnia.Core.Messaging;

/// <summary>
/// The public links of one message under Omnia's base URL: the open pixel <c>{base}/t/o/{token}</c>, click redirects
/// <c>{base}/t/c/{token}</c> and the unsubscribe link <c>{base}/u/{token}</c> (also the RFC 8058 one-click POST target).
/// <see cref="TrackHtml"/> rewrites an email's links through the click redirect and adds the open pixel.
/// </summary>
public sealed partial class TrackingLinks(MessageTokens tokens, Uri baseUrl)
{
    private readonly string _base = baseUrl.AbsoluteUri.TrimEnd('/');

    public string OpenPixel(MessageIdentity message, DateTimeOffset now) => $"{_base}/t/o/{tokens.Open(message, now)}";

    public string Click(MessageIdentity message, string targetUrl, DateTimeOffset now) => $"{_base}/t/c/{tokens.Click(message, targetUrl, now)}";

    public string Unsubscribe(MessageIdentity message) => $"{_base}/u/{tokens.Unsubscribe(message)}";

    /// <summary>
    /// <paramref name="html"/> with every absolute http(s) <c>href</c> (except the unsubscribe link) sent through the
    /// click redirect, and a 1×1 open pixel before <c>&lt;/body&gt;</c> (or at the end).
    /// </summary>
    public string TrackHtml(string html, MessageIdentity message, DateTimeOffset now, string? unsubscribeUrl = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var tracked = HrefAttribute().Replace(html, match =>
        {
            var raw = match.Groups[3].Value;
            var target = System.Net.WebUtility.HtmlDecode(raw).Trim();
            if (!Links.IsWebUrl(target) || target == unsubscribeUrl)
                return match.Value;
            var quote = match.Groups[2].Value;
            return $"{match.Groups[1].Value}{quote}{System.Net.WebUtility.HtmlEncode(Click(message, target, now))}{quote}";
        });
        var pixel = $"<img src=\"{OpenPixel(message, now)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        var body = tracked.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return body >= 0 ? tracked.Insert(body, pixel) : tracked + pixel;
    }

    [GeneratedRegex(@"(<a\b[^>]*?\bhref\s*=\s*)([""'])(.*?)\2", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HrefAttribute();
}
