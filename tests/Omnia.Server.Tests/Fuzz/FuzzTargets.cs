using System.Text.Json;

namespace Omnia.Server.Tests.Fuzz;

/// <summary>An admin API operation as the node's own OpenAPI document lists it.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<string> QueryParameters);

/// <summary>What the fuzzer aims at: the routes, and a valid document per route to mutate.</summary>
public static class FuzzTargets
{
    /// <summary>Every Segment API route a client may post to.</summary>
    public static readonly string[] IngestionRoutes =
    [
        "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import",
        "/v1/t", "/v1/i", "/v1/p", "/v1/s", "/v1/g", "/v1/a", "/v1/b", "/v1/m",
    ];

    /// <summary>The dashboard's pages, with their route values to fill.</summary>
    public static readonly string[] DashboardPages =
    [
        "/", "/signin", "/no-workspace", "/w/{workspace}", "/w/{workspace}/profiles", "/w/{workspace}/profiles/{id}", "/w/{workspace}/segments",
        "/w/{workspace}/segments/new", "/w/{workspace}/segments/{slug}", "/w/{workspace}/segments/{slug}/edit", "/w/{workspace}/audiences",
        "/w/{workspace}/personas", "/w/{workspace}/lifecycle", "/w/{workspace}/sources", "/w/{workspace}/settings", "/w/{workspace}/settings/users",
        "/w/{workspace}/settings/channels", "/w/{workspace}/journeys", "/w/{workspace}/content", "/w/{workspace}/offers", "/w/{workspace}/analytics",
        "/w/{workspace}/attribution", "/w/{workspace}/planning",
    ];

    /// <summary>The admin API operations in <c>/openapi/v1.json</c> (the ingestion routes are fuzzed on their own).</summary>
    public static IReadOnlyList<ApiOperation> AdminOperations(JsonElement openApi)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is not ("get" or "post" or "put" or "patch" or "delete"))
                {
                    continue;
                }

                var query = new List<string>();
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        if (parameter.GetProperty("in").GetString() == "query")
                        {
                            query.Add(parameter.GetProperty("name").GetString()!);
                        }
                    }
                }

                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, query));
            }
        }

        return operations;
    }

    /// <summary>A valid Segment event of <paramref name="type"/> to mutate.</summary>
    public static string Event(string type, int n) => type switch
    {
        "identify" => $$$"""{"type":"identify","userId":"fz-{{{n % 97}}}","anonymousId":"fa-{{{n}}}","traits":{"email":"fz{{{n % 97}}}@example.com","name":"Fuzz {{{n}}}","plan":"pro","age":{{{n % 90}}}},"context":{"traits":{"phone":"+1 415 555 {{{1000 + n % 9000}}}"}},"timestamp":"2025-03-01T12:00:00Z","sentAt":"2025-03-01T12:00:01Z"}""",
        "page" => $$$"""{"type":"page","anonymousId":"fa-{{{n}}}","name":"Home","properties":{"url":"https://shop.example.com/?utm_source=google&utm_medium=cpc","path":"/","referrer":"https://www.google.com/"},"context":{"page":{"url":"https://shop.example.com/"},"userAgent":"Mozilla/5.0"}}""",
        "screen" => $$$"""{"type":"screen","userId":"fz-{{{n % 97}}}","name":"Cart","properties":{"items":2}}""",
        "group" => $$$"""{"type":"group","userId":"fz-{{{n % 97}}}","groupId":"org-{{{n % 7}}}","traits":{"name":"Acme","employees":40}}""",
        "alias" => $$$"""{"type":"alias","userId":"fz-{{{n % 97}}}","previousId":"fa-{{{n}}}"}""",
        _ => $$$"""{"type":"track","userId":"fz-{{{n % 97}}}","event":"Order Completed","messageId":"fm-{{{n}}}","properties":{"order_id":"o-{{{n}}}","revenue":{{{n % 500}}}.5,"currency":"USD","products":[{"sku":"s-1","price":10,"quantity":2,"category":"Shoes"}]},"originalTimestamp":"2025-03-01T12:00:00Z","sentAt":"2025-03-01T12:00:03Z","context":{"campaign":{"source":"newsletter","medium":"email"},"channel":"web"}}""",
    };

    /// <summary>Valid bodies for the admin API's writes, by path (after the workspace) and method.</summary>
    public static string AdminTemplate(string method, string path) => path switch
    {
        _ when path.EndsWith("/segments", StringComparison.Ordinal) || path.Contains("/segments/", StringComparison.Ordinal) =>
            """{"version":1,"name":"Fuzz buyers","description":"d","condition":{"and":[{"event":{"name":"Order Completed","where":[{"property":"revenue","op":"gte","value":10}],"count":{"op":"atLeast","value":1},"window":{"last":"30d"}}},{"trait":{"name":"plan","op":"equals","value":"pro"}},{"not":{"consent":{"channel":"email","subscribed":false}}},{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"1h","did":false,"key":"cart_id","window":{"last":"7d"}}}]}}""",
        _ when path.Contains("/computed-traits", StringComparison.Ordinal) =>
            """{"version":1,"name":"fuzz_spend","event":{"name":"Order Completed","type":"track","where":[{"property":"currency","op":"equals","value":"USD"}]},"fn":"sum","property":"revenue","window":{"last":"90d"}}""",
        _ when path.EndsWith("/lifecycle-rules", StringComparison.Ordinal) =>
            """{"version":1,"rules":[{"stage":"loyalty","condition":{"computed":{"name":"orderCount","op":"gte","value":3}}},{"stage":"conversion","condition":{"computed":{"name":"orderCount","op":"gte","value":1}}}]}""",
        _ when path.EndsWith("/rfm-breakpoints", StringComparison.Ordinal) => """{"recencyDays":[30,90,180,365],"frequency":[1,2,3,5],"monetary":[50,150,400,1000]}""",
        _ when path.Contains("/personas", StringComparison.Ordinal) => """{"name":"Weekend hikers"}""",
        _ when path.Contains("/sources", StringComparison.Ordinal) => """{"name":"Fuzz site","kind":"website","allowedOrigins":["https://shop.example.com"]}""",
        _ when path.EndsWith("/keys", StringComparison.Ordinal) => """{"name":"fuzz script","role":"viewer"}""",
        _ when path.EndsWith("/workspaces", StringComparison.Ordinal) || path.EndsWith("/workspaces/", StringComparison.Ordinal) => """{"slug":"fuzz-ws","name":"Fuzz"}""",
        _ when path.Contains("channel", StringComparison.Ordinal) => """{"rules":[{"channel":"email","utmMedium":["email"]}]}""",
        _ when path.Contains("identity", StringComparison.Ordinal) => """{"identifiers":[{"type":"userId","priority":1,"limit":1}]}""",
        _ => """{"name":"x","value":1}""",
    };
}
