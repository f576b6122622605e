using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Omnia.Server.Messaging;

/// <summary>
/// OAuth 2.0 access tokens for a Google service account (the JWT bearer grant, RFC 7523): a JWT signed with the key's
/// RSA private key (RS256; <c>iss</c> the client email, <c>scope</c>, <c>aud</c> the token URL, <c>iat</c>, <c>exp</c> one
/// hour later) is posted as <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&amp;assertion=…</c> to the token
/// URL, which answers <c>{"access_token":…,"expires_in":3599}</c>. Tokens are reused until a minute before they expire.
/// </summary>
public sealed class GoogleAccessTokens(HttpClient http, ServiceAccountKey key, string scope, TimeProvider clock, Uri? tokenUrl = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public Uri TokenUrl { get; } = tokenUrl ?? key.TokenUri;

    /// <summary>A valid access token, from the cache or a new exchange.</summary>
    /// <exception cref="HttpRequestException">The token URL refused the assertion or could not be reached.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            if (_token is not null && now < _expires - TimeSpan.FromMinutes(1))
                return _token;
            using var content = new FormUrlEncodedContent(
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                new("assertion", Assertion(now)),
            ]);
            using var response = await http.PostAsync(TokenUrl, content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"The token URL {TokenUrl} refused the service account ({(int)response.StatusCode}): {text}", null, response.StatusCode);
            using var json = JsonDocument.Parse(text);
            _token = json.RootElement.GetProperty("access_token").GetString();
            _expires = now.AddSeconds(json.RootElement.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 3600);
            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The signed JWT for an exchange at <paramref name="now"/>.</summary>
    internal string Assertion(DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["alg"] = "RS256",
            ["typ"] = "JWT",
            ["kid"] = key.PrivateKeyId,
        }.Where(p => p.Value is not null).ToDictionary());
        var iat = now.ToUnixTimeSeconds();
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = key.ClientEmail,
            ["scope"] = scope,
            ["aud"] = TokenUrl.AbsoluteUri,
            ["iat"] = iat,
            ["exp"] = iat + 3600,
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
