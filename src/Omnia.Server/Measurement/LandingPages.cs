using System.Text.Json;
using Omnia.Core.Events;

namespace Omnia.Server.Measurement;

/// <summary>
/// What a visit landed on, read from the log: events in memory keep no URL, so the first events of the visits a
/// report needs are read by position (a few thousand per report).
/// </summary>
public sealed class LandingPages(IEventStore log)
{
    /// <summary>The landing page (or content) of each event position that could be read.</summary>
    public async Task<IReadOnlyDictionary<long, string>> ResolveAsync(IEnumerable<long> seqs, CancellationToken ct = default)
    {
        var result = new Dictionary<long, string>();
        foreach (var chunk in seqs.Distinct().Order().Chunk(5_000))
        {
            foreach (var e in await log.ReadAsync(chunk, ct))
                result[e.Seq] = Describe(e);
        }

        return result;
    }

    /// <summary>
    /// The page path of a page view (or of the page a track call happened on), <c>app: Screen</c> for an app screen,
    /// the message's subject or campaign for our own messages, else the event's name.
    /// </summary>
    public static string Describe(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var document = JsonDocument.Parse(e.Json);
        var root = document.RootElement;
        var properties = root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
            && context.TryGetProperty("page", out var page) && page.ValueKind == JsonValueKind.Object)
        {
            if (Text(page, "path") is { } path)
                return path;
            if (Text(page, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
                return uri.AbsolutePath;
        }

        if (e.Type == EventType.Page && (Text(properties, "path") ?? PathOf(Text(properties, "url"))) is { } pagePath)
            return pagePath;
        if (e.Type == EventType.Screen)
            return "app: " + (e.Name ?? "screen");
        if ((Text(properties, "email_subject") ?? Text(properties, "subject") ?? Text(properties, "title")) is { } subject)
            return subject;
        return e.Name ?? e.Type.ToString().ToLowerInvariant();
    }

    private static string? PathOf(string? url) => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
