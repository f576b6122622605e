using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Omnia.Core.Users;

/// <summary>
/// Time-based one-time passwords (RFC 6238, the authenticator-app standard): HMAC-SHA-1 over the number of 30-second
/// steps since the Unix epoch, truncated to 6 digits (RFC 4226). Secrets are 160 random bits, shown as Base32.
/// </summary>
public static class Totp
{
    public const int Digits = 6;

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>A new random secret (20 bytes, as RFC 4226 recommends).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The time step <paramref name="at"/> falls in.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The code for one time step, with leading zeros.</summary>
    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        int offset = hash[^1] & 0x0f;
        int binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % (int)Math.Pow(10, digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The time step whose code <paramref name="code"/> is, looking one step either side of <paramref name="now"/>
    /// for clock drift; null when it matches none. Spaces in the code are ignored. Compares in constant time.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now)
    {
        string digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        long current = StepAt(now);
        long? matched = null;
        for (long step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(digits)))
            {
                matched ??= step;
            }
        }

        return matched;
    }

    /// <summary>
    /// The <c>otpauth://totp/…</c> URI authenticator apps import (Google's Key URI format), naming Omnia and the account.
    /// </summary>
    public static string Uri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";
}
