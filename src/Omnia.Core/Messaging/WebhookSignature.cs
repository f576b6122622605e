using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omnia.Core.Messaging;

/// <summary>
/// The signature Omnia puts on every webhook request, in the header <c>Omnia-Signature: t=1767225600,v1=HEX</c>: the Unix
/// time of sending and <c>HEX = lowercase hex HMAC-SHA256(secret, "{t}.{raw body}")</c>. A receiver recomputes it over
/// the raw body, compares in constant time, and refuses a timestamp more than <see cref="DefaultTolerance"/> away from
/// its clock, so a captured request cannot be replayed later. The request also carries <c>Omnia-Webhook-Id</c>, the
/// same on every retry of one call, for the receiver to ignore repeats.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Omnia-Signature";

    public const string IdHeader = "Omnia-Webhook-Id";

    /// <summary>How far a signature's time may be from the receiver's clock: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> within the tolerance of <paramref name="now"/>.</summary>
    public static bool Verify(byte[] secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null)
            return false;
        long? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                continue;
            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                t = seconds;
            else if (key == "v1" && value.Length == 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                }
            }
        }
        if (t is not { } time || signatures.Count == 0)
            return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(time)).Duration() > (tolerance ?? DefaultTolerance))
            return false;
        var expected = Mac(secret, time, body);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
    }

    private static byte[] Mac(byte[] secret, long t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(t.ToString(CultureInfo.InvariantCulture) + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, data);
    }
}
