using System.Security.Cryptography;
using System.Text;
using Omnia.Core.Identity;

namespace Omnia.Core.Privacy;

/// <summary>
/// What is kept of an erased person's identifiers: a keyed hash (HMAC-SHA-256 with a secret of the workspace) of each
/// identifier, so a later event or import carrying one of them can be recognised — and kept from re-subscribing the
/// person — without the identifier itself being stored anywhere.
/// </summary>
public static class SuppressionHash
{
    /// <summary>The hash of an identifier under a workspace's secret, as lower-case hex.</summary>
    public static string Of(byte[] secret, Identifier identifier)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{identifier.Type}:{identifier.Value}")));
    }

    /// <summary>A new random workspace secret.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);
}
