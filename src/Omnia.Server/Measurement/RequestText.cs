using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnia.Server.Measurement;

/// <summary>Reads a request body as text, refusing one larger than a limit with 413.</summary>
internal static class RequestText
{
    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, string what, CancellationToken ct)
    {
        var tooLarge = Problems.TooLarge($"{what} may be at most {maxBytes / 1024} KB.");
        if (request.ContentLength > maxBytes)
            return (null, tooLarge);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[maxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return read > maxBytes ? (null, tooLarge) : (new string(buffer, 0, read), null);
    }
}
