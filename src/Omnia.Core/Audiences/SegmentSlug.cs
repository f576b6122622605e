using System.Text;
using System.Text.RegularExpressions;

namespace Omnia.Core.Audiences;

/// <summary>Segment slugs: lower-case letters, digits and dashes, as URLs and <c>{"segment":"slug"}</c> conditions name them.</summary>
public static partial class SegmentSlug
{
    /// <summary>The longest slug accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="slug"/> is a valid slug.</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? slug) => slug is not null && Pattern().IsMatch(slug);

    /// <summary>A slug made from a display name: "Lapsed VIPs (90d)" → <c>lapsed-vips-90d</c>; null when nothing is left.</summary>
    public static string? FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder();
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '.' or '&' or '+')
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

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
