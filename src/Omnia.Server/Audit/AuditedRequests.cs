using System.Text;
using System.Text.Json.Nodes;

namespace Omnia.Server.Audit;

/// <summary>
/// The safety net under the audit log: an admin API change (POST, PUT, PATCH, DELETE answered 2xx) whose endpoint
/// recorded nothing itself is recorded as <c>api POST /api/v1/…/{slug}</c> with the route's path as target and the
/// request body (JSON, fields that look like secrets replaced by "***") as "after". So a capability's new route is
/// audited from the day it is added, and richer entries (with "before") come from its own calls.
/// </summary>
public static class AuditedRequests
{
    /// <summary>Marks a POST that only reads (an estimate, a dry run), so it is not recorded: <c>.WithMetadata(AuditedRequests.ReadOnly)</c>.</summary>
    public static readonly ChangesNothing ReadOnly = new();

    private static readonly string[] SecretNames = ["password", "secret", "token", "code", "key"];

    public static bool IsChange(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);

    /// <summary>Lets the body be read again after the endpoint (only for changes, whose bodies are small).</summary>
    public static void Prepare(HttpContext http)
    {
        if (IsChange(http.Request))
        {
            http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: 4 * 1024 * 1024);
        }
    }

    public static async Task RecordIfMissingAsync(HttpContext http, AuditLog audit)
    {
        if (!IsChange(http.Request) || http.Response.StatusCode is < 200 or > 299 || http.Items.ContainsKey(AuditLog.RecordedItemKey)
            || http.GetEndpoint()?.Metadata.GetMetadata<ChangesNothing>() is not null)
        {
            return;
        }

        string route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        await audit.RecordAsync(http, $"api {http.Request.Method} {route}", http.Request.Path.Value ?? "", null, await BodyAsync(http.Request)).ConfigureAwait(false);
    }

    private static async Task<object?> BodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek || request.Body.Length == 0)
        {
            return null;
        }

        try
        {
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            string text = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (text.Length > AuditLog.MaxDocumentChars)
            {
                return new { truncated = true, length = text.Length };
            }

            var node = JsonNode.Parse(text);
            Redact(node);
            return node;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return new { body = "not JSON" };
        }
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)) && o[name] is JsonValue)
                    {
                        o[name] = "***";
                    }
                    else
                    {
                        Redact(o[name]);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Redact(item);
                }

                break;
        }
    }
}

/// <summary>Endpoint metadata: this POST changes nothing, so the audit log does not record it.</summary>
public sealed record ChangesNothing;
