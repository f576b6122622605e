using System.Security.Cryptography;
using System.Text;
using Omnia.Core.Identity;

namespace Omnia.Core.Messaging;

/// <summary>The contact points of one audience member, as stored (normalised on export).</summary>
public sealed record AudienceMember(IReadOnlyList<string> Emails, IReadOnlyList<string> Phones);

/// <summary>
/// Exports a segment as a customer list for ad platforms: emails and phones normalised as each platform documents, then
/// SHA-256 hashed (lowercase hex of the UTF-8 bytes), one row per member, up to three emails and three phones each
/// (repeated columns, which both platforms accept), members without a usable email or phone left out, duplicate rows
/// removed.
/// <list type="bullet">
/// <item><b>Meta Custom Audiences</b> (customer list file): headers <c>email</c> and <c>phone</c>. Email trimmed and
/// lower-cased; phone as digits only with the country code and no <c>+</c> or leading zeros (<c>16505551212</c>).</item>
/// <item><b>Google Customer Match</b>: headers <c>Email</c> and <c>Phone</c>. Email trimmed and lower-cased; phone in
/// E.164 with <c>+</c> (<c>+16505551212</c>). Gmail dots are kept: Google's Customer Match formatting guidelines ask
/// for trimming and lower case only.</item>
/// </list>
/// Phones without a country code are read in <c>defaultRegion</c> (as identity resolution does).
/// </summary>
public static class AdAudience
{
    /// <summary>The lower-case hex SHA-256 of <paramref name="normalised"/>'s UTF-8 bytes.</summary>
    public static string Sha256(string normalised) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));

    /// <summary>Trimmed and lower-cased; null when it is not an email address.</summary>
    public static string? NormaliseEmail(string? email) => IdentifierNormalizer.NormalizeEmail(email);

    /// <summary>E.164 (<c>+16505551212</c>): Google's form. Null when it is not a phone number.</summary>
    public static string? NormalisePhoneE164(string? phone, string defaultRegion = "US") => IdentifierNormalizer.NormalizePhone(phone, defaultRegion);

    /// <summary>Digits with the country code, no <c>+</c> (<c>16505551212</c>): Meta's form. Null when it is not a phone number.</summary>
    public static string? NormalisePhoneDigits(string? phone, string defaultRegion = "US") => NormalisePhoneE164(phone, defaultRegion)?.TrimStart('+');

    /// <summary>Writes a Meta Custom Audiences customer list (CSV) of hashed emails and phones.</summary>
    public static int WriteMeta(TextWriter writer, IEnumerable<AudienceMember> members, string defaultRegion = "US") =>
        Write(writer, members, "email", "phone", NormaliseEmail, p => NormalisePhoneDigits(p, defaultRegion));

    /// <summary>Writes a Google Customer Match customer list (CSV) of hashed emails and phones.</summary>
    public static int WriteGoogle(TextWriter writer, IEnumerable<AudienceMember> members, string defaultRegion = "US") =>
        Write(writer, members, "Email", "Phone", NormaliseEmail, p => NormalisePhoneE164(p, defaultRegion));

    private const int MaxColumns = 3;

    /// <summary>Writes the rows; returns how many members were written.</summary>
    private static int Write(TextWriter writer, IEnumerable<AudienceMember> members, string emailHeader, string phoneHeader,
        Func<string?, string?> email, Func<string?, string?> phone)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(members);
        var rows = new List<(string[] Emails, string[] Phones)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var emails = Hashed(member.Emails, email);
            var phones = Hashed(member.Phones, phone);
            if (emails.Length + phones.Length == 0 || !seen.Add(string.Join(",", emails) + ";" + string.Join(",", phones)))
                continue;
            rows.Add((emails, phones));
        }
        var emailColumns = rows.Count == 0 ? 1 : rows.Max(r => r.Emails.Length);
        var phoneColumns = rows.Count == 0 ? 1 : rows.Max(r => r.Phones.Length);
        var header = Enumerable.Repeat(emailHeader, emailColumns).Concat(Enumerable.Repeat(phoneHeader, phoneColumns));
        writer.Write(string.Join(",", header));
        writer.Write('\n');
        foreach (var (emails, phones) in rows)
        {
            writer.Write(string.Join(",", Pad(emails, emailColumns).Concat(Pad(phones, phoneColumns))));
            writer.Write('\n');
        }
        return rows.Count;
    }

    private static string[] Hashed(IReadOnlyList<string> values, Func<string?, string?> normalise) =>
        [.. values.Select(normalise).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxColumns).Select(Sha256)];

    private static IEnumerable<string> Pad(string[] values, int columns) => values.Concat(Enumerable.Repeat("", columns - values.Length));
}
