using System.Net;
using System.Text.RegularExpressions;

namespace Omnia.Core.Content;

/// <summary>The words a person reads in HTML or a template: markup, styles, scripts and comments removed, entities decoded, whitespace collapsed.</summary>
internal static partial class VisibleText
{
    public static string FromHtml(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = Tag().Replace(text, " ");
        return Collapse(WebUtility.HtmlDecode(text));
    }

    /// <summary>
    /// A template as text to compare: <c>{% … %}</c> tags removed and each output <c>{{ expr }}</c> kept as
    /// <c>{{expr}}</c> without spaces, so two variants that print the same value compare equal.
    /// </summary>
    public static string FromTemplate(string template, bool html)
    {
        var text = LiquidTag().Replace(template, " ");
        text = LiquidOutput().Replace(text, m => "{{" + Spaces().Replace(m.Groups[1].Value, "") + "}}");
        return html ? FromHtml(text) : Collapse(text);
    }

    /// <summary>A template part with its Liquid removed, for reading a link's fixed host and path.</summary>
    public static string WithoutLiquid(string template) => LiquidOutput().Replace(LiquidTag().Replace(template, ""), "");

    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"<!--.*?-->|<(style|script|head)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidTag();

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex LiquidOutput();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
