using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omnia.Core.Users;

/// <summary>
/// Password hashes as <c>pbkdf2-sha256$iterations$salt$hash</c> (salt and hash in base64): PBKDF2 with
/// HMAC-SHA-256 from the base library, a random 128-bit salt per password and the iteration count stored
/// with the hash, so it can be raised later without invalidating existing passwords.
/// </summary>
public static class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int Iterations = 600_000;

    /// <summary>The shortest password a person may set.</summary>
    public const int MinimumLength = 10;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash of a password nobody has: verifying against it costs the same as a real one, so an unknown email takes as long as a wrong password.</summary>
    public static string Decoy { get; } = string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(SaltBytes)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(HashBytes)));

    public static string Hash(string password, int iterations = Iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>; compares in constant time; false for a malformed hash.</summary>
    public static bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A problem with a password a person chose, as a sentence; null when it is acceptable.</summary>
    public static string? Check(string? password) =>
        password is null || password.Length < MinimumLength
            ? $"Use a password of at least {MinimumLength} characters."
            : null;

    /// <summary>A random password of 20 characters without look-alikes (no 0/O, 1/l/I), for the first owner.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    /// <summary>A short fingerprint of a stored hash: it changes when the password does, so sign-in cookies issued before end.</summary>
    public static string Stamp(string stored) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored)).AsSpan(0, 8));
}
