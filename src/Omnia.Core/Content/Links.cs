using System.Net;
using System.Text.RegularExpressions;

namespace Omnia.Core.Content;

/// <summary>A link found in a message: where (<see cref="Target"/>, as written after decoding HTML entities) and, for an HTML anchor, whether it is well-formed.</summary>
/// <param name="Problem">Why the anchor is malformed (no href, an unclosed quote), or null.</param>
public sealed record FoundLink(string Target, string? Problem);

/// <summary>Finds links in HTML (<c>&lt;a href&gt;</c>) and in plain text (<c>http://</c> and <c>https://</c> URLs).</summary>
public static partial class Links
{
    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL with a host and no spaces.</summary>
    public static bool IsWebUrl(string? url) =>
        url is not null
        && !url.Any(char.IsWhiteSpace)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;

    /// <summary>Every <c>&lt;a&gt;</c> tag of <paramref name="html"/>: its href (entities decoded), or why it has none usable.</summary>
    public static IReadOnlyList<FoundLink> InHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var found = new List<FoundLink>();
        foreach (Match tag in AnchorTag().Matches(html))
        {
            var attributes = tag.Groups[1].Value;
            var href = Href().Match(attributes);
            if (!href.Success)
            {
                found.Add(new FoundLink("", HrefStart().IsMatch(attributes) ? "its href has no closing quote" : "it has no href"));
                continue;
            }
            var value = href.Groups[1].Success ? href.Groups[1].Value : href.Groups[2].Success ? href.Groups[2].Value : href.Groups[3].Value;
            found.Add(new FoundLink(WebUtility.HtmlDecode(value).Trim(), null));
        }
        return found;
    }

    /// <summary>Every http(s) URL written in plain text.</summary>
    public static IReadOnlyList<string> InText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. TextUrl().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"'))];
    }

    /// <summary>How many <c>&lt;a</c> tags are opened but not closed (negative: closed more than opened).</summary>
    public static int UnclosedAnchors(string html) => AnchorOpen().Count(html) - AnchorClose().Count(html);

    [GeneratedRegex(@"<a\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"<a\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorOpen();

    [GeneratedRegex(@"</a\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorClose();

    [GeneratedRegex(@"\bhref\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"\bhref\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HrefStart();

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex TextUrl();
}
