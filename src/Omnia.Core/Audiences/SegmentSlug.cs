using System.Text;
using System.Text.RegularExpressions;

namespace Omnia.Core.Audiences;

/// <summary>Segment slugs: lower-case letters, digits and dashes, as URLs and <c>{"segment":"slug"}</c> conditions name them.</summary>
public static partial class SegmentSlug
{
    /// <summary>The longest slug accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Words the API and the dashboard use beside slugs in their paths (<c>segments/estimate</c>, <c>segments/new</c>).</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["estimate", "new", "transitions"];

    /// <summary>Whether <paramref name="slug"/> is a valid slug (and not a reserved word).</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? slug) =>
        slug is not null && Pattern().IsMatch(slug) && !Reserved.Contains(slug, StringComparer.Ordinal);

    /// <summary>A slug made from a display name: "Lapsed VIPs (90d)" → <c>lapsed-vips-90d</c>; null when nothing is left.</summary>
    public static string? FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder();
        foreach (char raw in name)
        {
            // Omnia runs with invariant globalization (no Unicode decomposition), so common accents are folded by table.
            string folded = Fold(raw);
            if (folded.Length > 0)
            {
                slug.Append(folded);
            }
            else if (char.IsWhiteSpace(raw) || raw is '-' or '_' or '/' or '.' or '&' or '+')
            {
                if (slug.Length > 0 && slug[^1] != '-')
                {
                    slug.Append('-');
                }
            }
        }

        string result = slug.ToString().Trim('-');
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength].TrimEnd('-');
        }

        return result.Length == 0 ? null : result;
    }

    private const string Accented = "àáâãäåāăąçćčďđèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccddeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

    private static string Fold(char c)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c).ToString();
        }

        char lower = char.ToLowerInvariant(c);
        int at = Accented.IndexOf(lower, StringComparison.Ordinal);
        return at >= 0 ? Plain[at].ToString() : lower switch { 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", _ => "" };
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
