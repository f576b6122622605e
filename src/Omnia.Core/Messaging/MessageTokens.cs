using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Omnia.Core.Messaging;

/// <summary>What a token may be used for; a token for one purpose is refused for another.</summary>
public enum TokenPurpose
{
    /// <summary>The open pixel (<c>/t/o/…</c>).</summary>
    Open,

    /// <summary>The click redirect (<c>/t/c/…</c>), with its target URL bound in.</summary>
    Click,

    /// <summary>The unsubscribe page and RFC 8058 one-click POST (<c>/u/…</c>).</summary>
    Unsubscribe,
}

/// <summary>Why a token was refused, or <see cref="Valid"/>.</summary>
public enum TokenStatus
{
    Valid,

    /// <summary>Not a token at all: wrong shape, not base64url, not the expected payload.</summary>
    Malformed,

    /// <summary>The signature does not match under any key: tampered, or signed with another key.</summary>
    BadSignature,

    /// <summary>Signed for another purpose (an open token used to unsubscribe).</summary>
    WrongPurpose,

    Expired,
}

/// <summary>A verified (or refused) token: the message it names, and for a click the URL to redirect to.</summary>
public sealed record TokenCheck(TokenStatus Status, MessageIdentity? Message, string? TargetUrl, DateTimeOffset? ExpiresAt)
{
    public bool IsValid => Status == TokenStatus.Valid;
}

/// <summary>
/// Signs and verifies the tokens in tracking and unsubscribe links: <c>base64url(payload) "." base64url(HMAC-SHA256(key,
/// payload))</c>, URL-safe without padding. The payload is compact JSON with the purpose, the message identity, the
/// click target (so the redirect goes only where the email pointed: no open redirect) and the expiry (Unix seconds;
/// absent: never). Anyone can read a payload; nobody without the key can make or change one. Verification takes
/// several keys, the first signing and the rest still accepted, so a key can be rotated without breaking links
/// already sent.
/// </summary>
public sealed class MessageTokens
{
    /// <summary>How long an open pixel counts: 180 days.</summary>
    public static readonly TimeSpan OpenLifetime = TimeSpan.FromDays(180);

    /// <summary>How long a tracked link redirects: 365 days.</summary>
    public static readonly TimeSpan ClickLifetime = TimeSpan.FromDays(365);

    private readonly byte[][] _keys;

    /// <param name="signingKey">At least 32 bytes of secret.</param>
    /// <param name="previousKeys">Keys that still verify (after a rotation).</param>
    public MessageTokens(byte[] signingKey, params byte[][] previousKeys)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Length < 32 || previousKeys.Any(k => k is null || k.Length < 32))
            throw new ArgumentException("Token keys must have at least 32 bytes (256 bits).", nameof(signingKey));
        _keys = [signingKey, .. previousKeys];
    }

    /// <summary>A token for the open pixel, valid <see cref="OpenLifetime"/> from <paramref name="now"/>.</summary>
    public string Open(MessageIdentity message, DateTimeOffset now) => Sign(TokenPurpose.Open, message, null, now + OpenLifetime);

    /// <summary>A token for a tracked link to <paramref name="targetUrl"/> (absolute http/https), valid <see cref="ClickLifetime"/>.</summary>
    public string Click(MessageIdentity message, string targetUrl, DateTimeOffset now)
    {
        if (!Content.Links.IsWebUrl(targetUrl))
            throw new ArgumentException($"'{targetUrl}' is not an absolute http(s) URL; only those are redirected to.", nameof(targetUrl));
        return Sign(TokenPurpose.Click, message, targetUrl, now + ClickLifetime);
    }

    /// <summary>A token for unsubscribing; it never expires (unsubscribe links must keep working).</summary>
    public string Unsubscribe(MessageIdentity message) => Sign(TokenPurpose.Unsubscribe, message, null, null);

    /// <summary>Signs any token.</summary>
    public string Sign(TokenPurpose purpose, MessageIdentity message, string? targetUrl, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload
        {
            P = purpose switch { TokenPurpose.Open => "o", TokenPurpose.Click => "c", _ => "u" },
            M = message.MessageId,
            W = message.WorkspaceId,
            F = message.ProfileId,
            C = message.Channel,
            G = message.Campaign,
            U = targetUrl,
            E = expiresAt?.ToUnixTimeSeconds(),
        }, PayloadJson.Options);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_keys[0], payload));
    }

    /// <summary>Verifies <paramref name="token"/> for <paramref name="purpose"/> at <paramref name="now"/>.</summary>
    public TokenCheck Verify(string? token, TokenPurpose purpose, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
            return Refused(TokenStatus.Malformed);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0)
            return Refused(TokenStatus.Malformed);
        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return Refused(TokenStatus.Malformed);
        }
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature)))
            return Refused(TokenStatus.BadSignature);

        Payload? p;
        try
        {
            p = JsonSerializer.Deserialize<Payload>(payload, PayloadJson.Options);
        }
        catch (JsonException)
        {
            return Refused(TokenStatus.Malformed);
        }
        if (p is null || p.M is null || p.C is null || p.P is not ("o" or "c" or "u"))
            return Refused(TokenStatus.Malformed);
        var expected = purpose switch { TokenPurpose.Open => "o", TokenPurpose.Click => "c", _ => "u" };
        var identity = new MessageIdentity(p.M, p.W, p.F, p.C, p.G);
        var expires = p.E is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : (DateTimeOffset?)null;
        if (p.P != expected)
            return new TokenCheck(TokenStatus.WrongPurpose, null, null, expires);
        if (expires is { } at && now >= at)
            return new TokenCheck(TokenStatus.Expired, identity, null, expires);
        if (purpose == TokenPurpose.Click && !Content.Links.IsWebUrl(p.U))
            return Refused(TokenStatus.Malformed);
        return new TokenCheck(TokenStatus.Valid, identity, p.U, expires);
    }

    private static TokenCheck Refused(TokenStatus status) => new(status, null, null, null);

    private sealed class Payload
    {
        public string? P { get; set; }

        public string? M { get; set; }

        public int W { get; set; }

        public long F { get; set; }

        public string? C { get; set; }

        public string? G { get; set; }

        public string? U { get; set; }

        public long? E { get; set; }
    }

    private static class PayloadJson
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }
}
