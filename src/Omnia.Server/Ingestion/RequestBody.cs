using System.Buffers;
using System.IO.Compression;

namespace Omnia.Server.Ingestion;

/// <summary>Reads a request body up to a limit, un-gzipping it when the SDK compressed it.</summary>
public static class RequestBody
{
    /// <summary>The body bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit && !IsGzip(request))
        {
            return null;
        }

        Stream stream = IsGzip(request) ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit + 1L));
            while (true)
            {
                var memory = buffer.GetMemory(Math.Min(16384, limit + 1 - buffer.WrittenCount + 1));
                int read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
    }

    private static bool IsGzip(HttpRequest request) =>
        request.Headers.ContentEncoding.Any(v => string.Equals(v, "gzip", StringComparison.OrdinalIgnoreCase));
}
