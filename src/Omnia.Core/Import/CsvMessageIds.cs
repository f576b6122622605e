using System.Security.Cryptography;
using System.Text;

namespace Omnia.Core.Import;

/// <summary>
/// Deterministic message ids: "csv-" and the first 24 hex digits of SHA-256 over the source name, a newline and the
/// row's values (as read, separated by U+001F). The same row of the same file always gets the same id, so the
/// pipeline's messageId dedupe makes a repeated import harmless; the delimiter and line endings do not matter.
/// </summary>
internal sealed class CsvMessageIds : IDisposable
{
    private const byte ValueSeparator = 0x1F;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _prefix;
    private byte[] _scratch = new byte[256];

    public CsvMessageIds(string sourceName) => _prefix = Encoding.UTF8.GetBytes(sourceName + "\n");

    public string Create(string[] values, int count)
    {
        _hash.AppendData(_prefix);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _hash.AppendData([ValueSeparator]);
            }

            var byteCount = Encoding.UTF8.GetMaxByteCount(values[i].Length);
            if (_scratch.Length < byteCount)
            {
                _scratch = new byte[Math.Max(byteCount, _scratch.Length * 2)];
            }

            var written = Encoding.UTF8.GetBytes(values[i], _scratch);
            _hash.AppendData(_scratch, 0, written);
        }

        Span<byte> digest = stackalloc byte[32];
        _hash.GetHashAndReset(digest);
        return "csv-" + Convert.ToHexStringLower(digest[..12]);
    }

    public void Dispose() => _hash.Dispose();
}
