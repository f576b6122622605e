namespace Omnia.Server.Journeys;

/// <summary>Journey slugs: what URLs name journeys by.</summary>
public static class JourneySlugs
{
    /// <summary>Lower-case letters, digits and dashes, 1 to 64, starting with a letter or digit.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 64 && char.IsAsciiLetterOrDigit(slug[0])
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
