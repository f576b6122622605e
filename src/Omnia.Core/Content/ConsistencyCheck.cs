using System.Globalization;
using System.Text.RegularExpressions;

namespace Omnia.Core.Content;

/// <summary>
/// Checks that every variant of a campaign (every channel of one content item, or of several items in one campaign)
/// carries the same offer, a call to action and the key message. Each variant is read as its visible text (email:
/// subject, preheader, text and HTML without markup; SMS text; push title and body; in-app title, body and button;
/// web HTML without markup) and its destinations (HTML hrefs, URLs in text, push and in-app links). A variant is
/// flagged (a warning each) when it:
/// <list type="bullet">
/// <item><b>drops the offer</b> (<c>offer_missing</c>): it lacks one of the offer terms. The terms are the declared
/// <see cref="ConsistencyRules.Offer"/>, or when none are declared, every percentage (<c>20%</c>) and discount code (a
/// word of 4–20 capital letters and digits with at least one of each, such as <c>SPRING20</c>) found in any variant.
/// Terms match without regard to case, and <c>20 %</c> equals <c>20%</c>;</item>
/// <item><b>drops the call to action</b> (<c>cta_missing</c>): it has no destination at all; or, with a declared
/// <see cref="ConsistencyRules.CtaUrl"/>, none of its destinations has that URL's host and path (query and fragment
/// ignored, so tracking parameters do not matter; <c>cta_elsewhere</c>);</item>
/// <item><b>drops a key message</b> (<c>key_phrase_missing</c>): it does not contain a declared key phrase, compared
/// without regard to case, whitespace runs or the kind of apostrophe.</item>
/// </list>
/// On templates, a Liquid output counts as the expression it prints (<c>{{ journey.code }}</c> in two variants is the
/// same term); on rendered messages, as its value.
/// </summary>
public static partial class ConsistencyCheck
{
    /// <summary>Checks the variants of one content item against its own rules.</summary>
    public static IReadOnlyList<ContentIssue> Check(ContentItem content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Check([content]);
    }

    /// <summary>Checks every variant of several content items of one campaign, against all their rules together.</summary>
    public static IReadOnlyList<ContentIssue> Check(IReadOnlyList<ContentItem> campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var variants = new List<VariantText>();
        foreach (var item in campaign)
        {
            foreach (var channel in item.Channels.Where(c => c != ContentChannels.Webhook))
            {
                var label = campaign.Count == 1 ? ContentChannels.JsonKey(channel) : $"{item.Name}.{ContentChannels.JsonKey(channel)}";
                variants.Add(FromTemplates(label, item.Variant(channel)!));
            }
        }
        return Check(variants, Merge(campaign.Select(c => c.Consistency)));
    }

    /// <summary>Checks rendered messages (e.g. the previews of one person) against <paramref name="rules"/>.</summary>
    public static IReadOnlyList<ContentIssue> Check(IReadOnlyList<RenderedMessage> messages, ConsistencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(rules);
        return Check([.. messages.Where(m => m.Channel != ContentChannels.Webhook).Select(FromRendered)], rules);
    }

    private static IReadOnlyList<ContentIssue> Check(List<VariantText> variants, ConsistencyRules rules)
    {
        var issues = new List<ContentIssue>();
        var offer = rules.Offer.Count > 0
            ? rules.Offer.Select(NormaliseTerm).Distinct(StringComparer.Ordinal).ToList()
            : variants.SelectMany(v => OfferTerms(v.Text)).Distinct(StringComparer.Ordinal).ToList();
        Uri? cta = rules.CtaUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;

        foreach (var variant in variants)
        {
            var present = OfferTerms(variant.Text).ToHashSet(StringComparer.Ordinal);
            var normalisedText = NormaliseText(variant.Text);
            var missing = offer.Where(term => !present.Contains(term) && !normalisedText.Contains(term.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                issues.Add(new ContentIssue(variant.Label, IssueSeverity.Warning, "offer_missing",
                    $"drops the offer: it does not mention {Quote(missing)}{(rules.Offer.Count > 0 ? " (declared in consistency.offer)" : ", which other variants mention")}"));
            }

            if (variant.Destinations.Count == 0)
            {
                issues.Add(new ContentIssue(variant.Label, IssueSeverity.Warning, "cta_missing",
                    "drops the call to action: it has no link for the person to follow"));
            }
            else if (cta is not null && !variant.Destinations.Any(d => SamePage(d, cta)))
            {
                issues.Add(new ContentIssue(variant.Label, IssueSeverity.Warning, "cta_elsewhere",
                    $"drops the call to action: none of its links goes to {cta.Host}{cta.AbsolutePath} (consistency.ctaUrl)"));
            }

            var phrases = rules.KeyPhrases.Where(p => !normalisedText.Contains(NormaliseText(p), StringComparison.Ordinal)).ToList();
            if (phrases.Count > 0)
            {
                issues.Add(new ContentIssue(variant.Label, IssueSeverity.Warning, "key_phrase_missing",
                    $"drops the key message: it does not say {Quote(phrases)} (consistency.keyPhrases)"));
            }
        }
        return issues;
    }

    /// <summary>Percentages (<c>20%</c>) and discount codes (<c>SPRING20</c>) in <paramref name="text"/>, normalised.</summary>
    internal static IEnumerable<string> OfferTerms(string text)
    {
        foreach (Match m in Percentage().Matches(text))
            yield return m.Groups[1].Value.Replace(',', '.') + "%";
        foreach (Match m in Code().Matches(text))
        {
            var word = m.Value;
            if (word.Any(char.IsAsciiLetter) && word.Any(char.IsAsciiDigit))
                yield return word.ToUpperInvariant();
        }
    }

    private static string NormaliseTerm(string term)
    {
        var trimmed = VisibleText.FromTemplate(term, html: false);
        var percent = Percentage().Match(trimmed);
        return percent.Success && percent.Length == trimmed.Length ? percent.Groups[1].Value.Replace(',', '.') + "%" : trimmed.ToUpperInvariant();
    }

    private static string NormaliseText(string text) =>
        VisibleText.Collapse(text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'')).ToLowerInvariant()
            .Replace(" %", "%", StringComparison.Ordinal);

    private static bool SamePage(string destination, Uri cta) =>
        Uri.TryCreate(VisibleText.WithoutLiquid(destination), UriKind.Absolute, out var uri)
        && string.Equals(uri.Host, cta.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.AbsolutePath.TrimEnd('/'), cta.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    private static ConsistencyRules Merge(IEnumerable<ConsistencyRules> rules)
    {
        var all = rules.ToList();
        return new ConsistencyRules(
            [.. all.SelectMany(r => r.Offer).Distinct(StringComparer.OrdinalIgnoreCase)],
            all.Select(r => r.CtaUrl).FirstOrDefault(u => u is not null),
            [.. all.SelectMany(r => r.KeyPhrases).Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    private static VariantText FromTemplates(string label, ContentVariant variant)
    {
        var texts = new List<string>();
        var destinations = new List<string>();
        foreach (var (part, template, html) in variant.Parts)
        {
            if (part == "link")
            {
                destinations.Add(template.Trim());
                continue;
            }
            texts.Add(VisibleText.FromTemplate(template, html));
            if (html)
                destinations.AddRange(Links.InHtml(template).Where(l => l.Problem is null && l.Target.Length > 0).Select(l => l.Target));
            else
                destinations.AddRange(Links.InText(template));
        }
        return new VariantText(label, string.Join(" ", texts), destinations);
    }

    private static VariantText FromRendered(RenderedMessage m)
    {
        var texts = new[] { m.Subject, m.Preheader, m.Text, m.Title, m.Body, m.Button, m.Html is null ? null : VisibleText.FromHtml(m.Html) };
        var destinations = new List<string>();
        if (m.Html is not null)
            destinations.AddRange(Links.InHtml(m.Html).Where(l => l.Problem is null && l.Target.Length > 0).Select(l => l.Target));
        foreach (var text in new[] { m.Text, m.Body })
        {
            if (text is not null)
                destinations.AddRange(Links.InText(text));
        }
        if (!string.IsNullOrWhiteSpace(m.Link))
            destinations.Add(m.Link);
        return new VariantText(ContentChannels.JsonKey(m.Channel), string.Join(" ", texts.Where(t => t is not null)), destinations);
    }

    private static string Quote(IEnumerable<string> terms) => string.Join(", ", terms.Select(t => $"'{t}'"));

    private sealed record VariantText(string Label, string Text, IReadOnlyList<string> Destinations);

    [GeneratedRegex(@"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?%")]
    private static partial Regex Percentage();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Z0-9]{4,20}(?![A-Za-z0-9_])")]
    private static partial Regex Code();
}
