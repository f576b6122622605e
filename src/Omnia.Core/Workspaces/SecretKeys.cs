using System.Security.Cryptography;
using System.Text;

namespace Omnia.Core.Workspaces;

/// <summary>
/// Generates and hashes write keys and admin keys. Keys are 160 random bits, so a single SHA-256 is
/// enough to store them (a password KDF is for low-entropy secrets); only the hash and a short prefix
/// for display are kept.
/// </summary>
public static class SecretKeys
{
    public static string NewWriteKey() => "wk_" + RandomPart();

    public static string NewAdminKey() => "ak_" + RandomPart();

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The first characters of a key, shown in lists so a person can tell keys apart.</summary>
    public static string Prefix(string key) => key.Length <= 8 ? key : key[..8] + "…";

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
