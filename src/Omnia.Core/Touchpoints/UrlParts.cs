namespace Omnia.Core.Touchpoints;

/// <summary>
/// Allocation-free pieces of URLs as they arrive in events: absolute, protocol-relative, bare host
/// ("google.com/search") or app referrers ("android-app://com.google.android.gm"). Lenient on purpose:
/// <see cref="Uri"/> rejects much of what SDKs send and allocates for every event.
/// </summary>
internal static class UrlParts
{
    /// <summary>The host of <paramref name="url"/>, without user info, port or trailing dot; empty when there is none.</summary>
    public static ReadOnlySpan<char> Host(ReadOnlySpan<char> url)
    {
        url = url.Trim();
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            url = url[(scheme + 3)..];
        else if (url.StartsWith("//"))
            url = url[2..];
        else if (url.IsEmpty || url[0] is '/' or '?' or '#')
            return []; // a relative URL names no host

        var end = url.IndexOfAny('/', '?', '#');
        if (end >= 0)
            url = url[..end];
        var at = url.LastIndexOf('@');
        if (at >= 0)
            url = url[(at + 1)..];
        if (url.StartsWith('['))
        {
            var close = url.IndexOf(']');
            return close > 0 ? url[..(close + 1)] : url;
        }
        var port = url.IndexOf(':');
        if (port >= 0)
            url = url[..port];
        return url.TrimEnd('.');
    }

    /// <summary><paramref name="host"/> without a leading <c>www.</c>, so www.acme.com and acme.com compare equal.</summary>
    public static ReadOnlySpan<char> WithoutWww(ReadOnlySpan<char> host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    /// <summary>A host as touchpoints show it: lowercase, without <c>www.</c> ("google.com").</summary>
    public static string DisplayHost(ReadOnlySpan<char> host)
    {
        host = WithoutWww(host);
        Span<char> buffer = host.Length <= 256 ? stackalloc char[host.Length] : new char[host.Length];
        host.ToLowerInvariant(buffer);
        return new string(buffer);
    }

    /// <summary>The query string of <paramref name="url"/> without '?' and fragment; empty when there is none.</summary>
    /// <remarks>Hash-routed pages put the query after '#' ("/#/offer?utm_source=x"), so the first '?' wins.</remarks>
    public static ReadOnlySpan<char> Query(ReadOnlySpan<char> url)
    {
        var question = url.IndexOf('?');
        if (question < 0)
            return [];
        var query = url[(question + 1)..];
        var hash = query.IndexOf('#');
        return hash >= 0 ? query[..hash] : query;
    }

    /// <summary>Finds parameter <paramref name="name"/> (case-insensitive) in <paramref name="query"/>; the value is still encoded.</summary>
    public static bool TryGetParameter(ReadOnlySpan<char> query, ReadOnlySpan<char> name, out ReadOnlySpan<char> rawValue)
    {
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var key = equals >= 0 ? pair[..equals] : pair;
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                rawValue = equals >= 0 ? pair[(equals + 1)..] : [];
                return true;
            }
        }
        rawValue = [];
        return false;
    }

    /// <summary>The decoded value of query parameter <paramref name="name"/>, or null when absent or blank.</summary>
    public static string? GetParameter(ReadOnlySpan<char> query, ReadOnlySpan<char> name)
    {
        if (!TryGetParameter(query, name, out var raw) || raw.IsEmpty)
            return null;
        string value;
        if (raw.Contains('+'))
        {
            // '+' means space in form-encoded queries; %2B stays '+' because unescaping comes after.
            Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
            raw.Replace(buffer, '+', ' ');
            value = Uri.UnescapeDataString(buffer);
        }
        else
        {
            value = Uri.UnescapeDataString(raw);
        }
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }
}
