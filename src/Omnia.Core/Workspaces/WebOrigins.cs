namespace Omnia.Core.Workspaces;

/// <summary>
/// Web origins as browsers send them in the <c>Origin</c> header: <c>scheme://host[:port]</c>, lower case, the
/// default port left out. Used for a source's allowed origins.
/// </summary>
public static class WebOrigins
{
    /// <summary>At most this many allowed origins per source.</summary>
    public const int MaxPerSource = 100;

    /// <summary>The canonical form of <paramref name="text"/>, or null when it is not an http(s) origin.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || uri.Host.Length == 0)
        {
            return null;
        }

        string host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.DnsSafeHost}]" : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}".ToLowerInvariant() : $"{uri.Scheme}://{host}:{uri.Port}".ToLowerInvariant();
    }

    /// <summary>
    /// Checks and normalises a list of origins; returns the errors (one per bad entry) or the distinct origins in order.
    /// </summary>
    public static (IReadOnlyList<string> Origins, IReadOnlyList<string> Errors) Parse(IEnumerable<string?>? origins)
    {
        var result = new List<string>();
        var errors = new List<string>();
        int index = 0;
        foreach (var origin in origins ?? [])
        {
            if (Normalize(origin) is { } normalized)
            {
                if (!result.Contains(normalized))
                {
                    result.Add(normalized);
                }
            }
            else
            {
                errors.Add($"allowedOrigins[{index}] is not a web origin; write it as scheme://host[:port], e.g. \"https://shop.example.com\" (no path).");
            }

            index++;
        }

        if (result.Count > MaxPerSource)
        {
            errors.Add($"A source may list at most {MaxPerSource} allowed origins.");
        }

        return (result, errors);
    }

    /// <summary>Whether a browser request from <paramref name="origin"/> may use <paramref name="source"/>'s write key.</summary>
    public static bool Allows(Source source, string? origin) =>
        source.AllowedOrigins.Count == 0 || origin is null || (Normalize(origin) is { } normalized && source.AllowedOrigins.Contains(normalized));
}
