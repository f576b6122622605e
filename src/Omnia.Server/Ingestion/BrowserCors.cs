using System.Text.RegularExpressions;

namespace Omnia.Server.Ingestion;

/// <summary>
/// CORS for the Segment API (<c>/v1/*</c>), so analytics.js and RudderStack's JS SDK can send events from a
/// shop's own origin: preflights are answered for any origin with the methods and the headers asked for,
/// and every response (errors included) carries <c>Access-Control-Allow-Origin</c> for the caller's origin.
/// A preflight carries no write key, so a source's allowed origins are checked on the request itself
/// (<see cref="Omnia.Core.Workspaces.WebOrigins"/>).
/// </summary>
public static partial class BrowserCors
{
    /// <summary>How long a browser may cache a preflight (Chromium caps it at two hours).</summary>
    public const int MaxAgeSeconds = 86_400;

    public static IApplicationBuilder UseBrowserCors(this IApplicationBuilder app) => app.Use(Middleware);

    private static Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            return next(http);
        }

        // Echoed only when it can be: a header value Kestrel cannot write (not ASCII) would turn any answer into a 500.
        string? origin = http.Request.Headers.Origin.ToString() is { Length: > 0 } sent && IsPrintableAscii(sent) ? sent : null;
        var response = http.Response;
        bool preflight = HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers.AccessControlRequestMethod.Count > 0;
        if (preflight)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowOrigin = origin ?? "*";
            response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            string requested = http.Request.Headers.AccessControlRequestHeaders.ToString();
            if (requested.Length > 0 && HeaderList().IsMatch(requested))
            {
                response.Headers.AccessControlAllowHeaders = requested;
            }

            if (http.Request.Headers["Access-Control-Request-Private-Network"] == "true")
            {
                response.Headers["Access-Control-Allow-Private-Network"] = "true";
            }

            response.Headers.AccessControlMaxAge = MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers.Vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
            return Task.CompletedTask;
        }

        // Set when the response starts, so that whatever writes it (an endpoint, a 413, the exception handler) carries them.
        response.OnStarting(static state =>
        {
            var (response, origin) = ((HttpResponse, string?))state;
            response.Headers.Vary = "Origin";
            if (origin is not null)
            {
                response.Headers.AccessControlAllowOrigin = origin;
                response.Headers.AccessControlExposeHeaders = "Retry-After";
            }

            return Task.CompletedTask;
        }, (response, origin));
        return next(http);
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (char c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return value.Length <= 2048;
    }

    /// <summary>Header names as a browser lists them: tokens separated by commas.</summary>
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+( *, *[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$")]
    private static partial Regex HeaderList();
}
