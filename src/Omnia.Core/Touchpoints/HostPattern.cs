namespace Omnia.Core.Touchpoints;

/// <summary>
/// Matches hosts and utm_source values against the patterns channel rules are written in:
/// a pattern with a dot ("facebook.com", "t.co") is a domain suffix — the domain or any subdomain of it;
/// a pattern without one ("google", or "google." in the older style) is a whole label, so it matches
/// www.google.co.uk and android-app://com.google.android.googlequicksearchbox but not googleadservices.com.
/// </summary>
internal static class HostPattern
{
    /// <summary>Whether <paramref name="host"/> matches <paramref name="pattern"/>; case-insensitive.</summary>
    public static bool Matches(ReadOnlySpan<char> host, ReadOnlySpan<char> pattern) =>
        Matches(host, pattern, labelSeparators: ".");

    /// <summary>
    /// Whether a utm_source value matches <paramref name="pattern"/>. Sources are words more than hosts
    /// ("facebook_ads", "Google-Ads", "ig"), so '_', '-' and ' ' also separate labels.
    /// </summary>
    public static bool MatchesSource(ReadOnlySpan<char> source, ReadOnlySpan<char> pattern) =>
        Matches(source, pattern, labelSeparators: "._- ");

    /// <summary>Whether <paramref name="host"/> matches any of <paramref name="patterns"/>.</summary>
    public static bool MatchesAny(ReadOnlySpan<char> host, IReadOnlyList<string> patterns)
    {
        if (host.IsEmpty)
            return false;
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i] is { } pattern && Matches(host, pattern))
                return true;
        }
        return false;
    }

    /// <summary>Whether a utm_source value matches any of <paramref name="patterns"/>.</summary>
    public static bool SourceMatchesAny(ReadOnlySpan<char> source, IReadOnlyList<string> patterns)
    {
        if (source.IsEmpty)
            return false;
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i] is { } pattern && MatchesSource(source, pattern))
                return true;
        }
        return false;
    }

    private static bool Matches(ReadOnlySpan<char> host, ReadOnlySpan<char> pattern, ReadOnlySpan<char> labelSeparators)
    {
        host = host.Trim();
        pattern = pattern.Trim().Trim('.');
        if (host.IsEmpty || pattern.IsEmpty)
            return false;

        if (pattern.Contains('.'))
        {
            if (host.Equals(pattern, StringComparison.OrdinalIgnoreCase))
                return true;
            return host.Length > pattern.Length
                && host[host.Length - pattern.Length - 1] == '.'
                && host.EndsWith(pattern, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var range in host.SplitAny(labelSeparators))
        {
            if (host[range].Equals(pattern, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
