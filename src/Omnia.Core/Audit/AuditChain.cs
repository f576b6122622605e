using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omnia.Core.Audit;

/// <summary>
/// The hash chain over audit entries: each entry's hash is SHA-256 over the previous entry's hash and the entry's
/// fields (length-prefixed, so no two different entries encode alike). Changing, removing or reordering an entry
/// changes every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string previousHash, long seq, DateTimeOffset at, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     previousHash, seq.ToString(CultureInfo.InvariantCulture), at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                     record.WorkspaceId?.ToString(CultureInfo.InvariantCulture), record.Actor, record.Client, record.Action, record.Target, record.Before, record.After,
                 })
        {
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Checks entries in order (oldest first) against their stored hashes; the first that does not match, or null.</summary>
    public static long? FirstBroken(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string previous = Genesis;
        foreach (var e in entries)
        {
            string expected = Hash(previous, e.Seq, e.At, new AuditRecord(e.WorkspaceId, e.Actor, e.Client, e.Action, e.Target, e.Before, e.After));
            if (expected != e.Hash)
            {
                return e.Seq;
            }

            previous = e.Hash;
        }

        return null;
    }
}
