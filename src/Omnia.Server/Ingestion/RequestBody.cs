using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnia.Server.Ingestion;

/// <summary>Reads a request body up to a limit, un-gzipping it when the SDK compressed it.</summary>
public static class RequestBody
{
    /// <summary>
    /// The body bytes, or the problem to answer: 413 when it is larger than <paramref name="limit"/> (after
    /// un-gzipping), 400 when it claims to be gzip and is not, 415 for an encoding other than gzip, and the
    /// server's own status (408 for a body that arrives too slowly) when reading fails.
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit, string tooLarge, CancellationToken cancellationToken)
    {
        bool gzip = false;
        foreach (var encoding in request.Headers.ContentEncoding)
        {
            foreach (var part in (encoding ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Equals("gzip", StringComparison.OrdinalIgnoreCase) || part.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = true;
                }
                else if (!part.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "The content encoding is not supported",
                        $"Content-Encoding '{part}' is not supported; send the body uncompressed or gzip-compressed (Content-Encoding: gzip)."));
                }
            }
        }

        if (request.ContentLength > limit && !gzip)
        {
            return (null, Problems.TooLarge(tooLarge));
        }

        if (!gzip && request.ContentLength is { } length)
        {
            return await ReadExactlyAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false);
        }

        Stream stream = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 1, limit + 1L));
            try
            {
                while (true)
                {
                    var memory = buffer.GetMemory(Math.Min(16384, limit + 1 - buffer.WrittenCount + 1));
                    int read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer.WrittenSpan.ToArray(), null);
                    }

                    buffer.Advance(read);
                    if (buffer.WrittenCount > limit)
                    {
                        return (null, Problems.TooLarge(tooLarge));
                    }
                }
            }
            catch (InvalidDataException)
            {
                return (null, Problems.BadRequest("The body says Content-Encoding: gzip but is not gzip data; compress it with gzip or drop the header."));
            }
            catch (BadHttpRequestException ex)
            {
                return (null, Unreadable(ex));
            }
        }
    }

    /// <summary>
    /// A body of known length (the usual case): read straight into an array of that size, with no growing buffer and
    /// no copy at the end (this runs for every ingestion request).
    /// </summary>
    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = length == 0 ? [] : new byte[length];
        try
        {
            int read = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read == length
                ? (bytes, null)
                : (null, Problems.BadRequest($"The request body ended after {read} of the {length} bytes its Content-Length announced; send it again whole."));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Unreadable(ex));
        }
    }

    private static ProblemHttpResult Unreadable(BadHttpRequestException ex) =>
        Problems.Create(ex.StatusCode, "The request body could not be read", ex.StatusCode == StatusCodes.Status408RequestTimeout
            ? "The request body arrived too slowly; send it again at once."
            : $"The request body could not be read: {ex.Message}");
}
