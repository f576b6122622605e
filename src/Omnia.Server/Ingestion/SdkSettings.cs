using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Ingestion;

/// <summary>
/// <c>GET /v1/projects/{writeKey}/settings</c>: what analytics.js loads from its CDN before it sends anything.
/// With <c>cdnURL</c> pointing at Omnia, the SDK finds here its one destination, <c>Segment.io</c>, whose
/// <c>apiHost</c> and <c>protocol</c> point back at this server, so no request leaves for Segment's servers.
/// </summary>
public static class SdkSettings
{
    public static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> GetAsync(string writeKey, HttpContext http, WriteKeys keys, CancellationToken ct)
    {
        var source = writeKey.Length is > 0 and <= 200 ? await keys.FindAsync(writeKey, ct).ConfigureAwait(false) : null;
        if (source is null)
        {
            return Problems.NotFound("The write key is not known. Copy it from the source's page in the dashboard or the sources API.");
        }

        string? origin = http.Request.Headers.Origin;
        if (!WebOrigins.Allows(source, origin))
        {
            return Problems.Forbidden($"The source '{source.Name}' takes browser events only from its allowed origins, and {origin} is not one; add it to the source's allowedOrigins.");
        }

        string apiHost = $"{http.Request.Host}{http.Request.PathBase}/v1";
        http.Response.Headers.CacheControl = "public, max-age=60";
        object settings = new Dictionary<string, object>
        {
            ["integrations"] = new Dictionary<string, object>
            {
                ["Segment.io"] = new Dictionary<string, object>
                {
                    ["apiKey"] = writeKey,
                    ["apiHost"] = apiHost,
                    ["protocol"] = http.Request.Scheme,
                    ["unbundledIntegrations"] = Array.Empty<string>(),
                    ["addBundledMetadata"] = false,
                    ["maybeBundledConfigIds"] = new Dictionary<string, object>(),
                },
            },
            ["plan"] = new Dictionary<string, object>(),
            ["edgeFunction"] = new Dictionary<string, object>(),
            ["analyticsNextEnabled"] = true,
            ["middlewareSettings"] = new Dictionary<string, object>(),
            ["enabledMiddleware"] = new Dictionary<string, object>(),
            // The SDK's own usage metrics are of no use here: it sends none (a snippet that asks for them still gets 204 at /v1/m).
            ["metrics"] = new Dictionary<string, object> { ["sampleRate"] = 0, ["host"] = apiHost },
            ["legacyVideoPluginsEnabled"] = false,
            ["remotePlugins"] = Array.Empty<object>(),
        };
        return TypedResults.Json(settings);
    }
}
