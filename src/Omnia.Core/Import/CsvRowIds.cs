using System.Security.Cryptography;
using System.Text;
using Omnia.Core.Identity;

namespace Omnia.Core.Import;

/// <summary>
/// The ids the importer derives, both deterministic so that a repeated import produces identical events.
/// Message id: "csv-" and the first 24 hex digits of SHA-256 over the source name, a newline and the row's values
/// (as read, separated by U+001F); the pipeline's messageId dedupe then drops a repeated row, whatever the
/// delimiter and line endings. Anonymous id, for a row known only by email or phone (every Segment call needs a
/// userId or an anonymousId): "csv-email-" or "csv-phone-" and 24 hex digits of the normalised address or the
/// phone's digits, so all rows of one person share it.
/// </summary>
internal sealed class CsvRowIds : IDisposable
{
    private const byte ValueSeparator = 0x1F;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int _prefixLength;
    private byte[] _content;

    public CsvRowIds(string sourceName)
    {
        _content = Encoding.UTF8.GetBytes(sourceName + "\n");
        _prefixLength = _content.Length;
    }

    // One reused hash context and one call per row: with OpenSSL 3 a one-shot hash (which sets up a context) or
    // a call per value costs several times more than hashing the row itself.
    public string MessageId(string[] values, int count)
    {
        var length = _prefixLength;
        for (var i = 0; i < count; i++)
        {
            var needed = length + 1 + Encoding.UTF8.GetMaxByteCount(values[i].Length);
            if (_content.Length < needed)
            {
                Array.Resize(ref _content, Math.Max(needed, _content.Length * 2));
            }

            if (i > 0)
            {
                _content[length++] = ValueSeparator;
            }

            length += Encoding.UTF8.GetBytes(values[i], _content.AsSpan(length));
        }

        return "csv-" + Hash(_content.AsSpan(0, length));
    }

    public string AnonymousId(string? email, string? phone)
    {
        var (kind, value) = IdentifierNormalizer.NormalizeEmail(email) is { } address
            ? ("email", address)
            : ("phone", new string((phone ?? "").Where(char.IsAsciiDigit).ToArray()));
        return $"csv-{kind}-{Hash(Encoding.UTF8.GetBytes(kind + "\n" + value))}";
    }

    private string Hash(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _sha256.AppendData(content);
        _sha256.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..12]);
    }

    public void Dispose() => _sha256.Dispose();
}
