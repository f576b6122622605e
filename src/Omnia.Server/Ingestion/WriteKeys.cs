using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Ingestion;

/// <summary>
/// Resolves a Segment write key (HTTP Basic user name, or <c>writeKey</c> in the body) to its source.
/// Keys are looked up by hash and cached, so authentication costs no query per request. A source whose old key
/// is inside a rotation's overlap is cached only until the overlap ends, so the old key stops on time.
/// </summary>
public sealed class WriteKeys(IWorkspaceStore workspaces, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Source? Source, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<Source?> FindAsync(string writeKey, CancellationToken cancellationToken = default)
    {
        string hash = SecretKeys.Hash(writeKey);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && now < cached.Until)
        {
            return cached.Source;
        }

        var source = await workspaces.FindSourceByKeyHashAsync(hash, cancellationToken).ConfigureAwait(false);
        if (source is not null || _cache.Count < 10_000)
        {
            _cache[hash] = (source, source?.PreviousKeyExpiresAt is { } until && until > now ? until : DateTimeOffset.MaxValue);
        }

        return source;
    }

    /// <summary>Forget cached lookups (after a source is created, changed, deleted or its key rotated).</summary>
    public void Invalidate() => _cache.Clear();

    /// <summary>The write key in an <c>Authorization: Basic base64(key:)</c> header, or null.</summary>
    public static string? FromAuthorizationHeader(string? header)
    {
        if (header is null || !AuthenticationHeaderValue.TryParse(header, out var value)
            || !"Basic".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            string key = colon >= 0 ? decoded[..colon] : decoded;
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
