using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Omnia.Server.Dashboard;

/// <summary>
/// Adds <c>Server-Timing: app;dur=…</c> to dashboard pages: the milliseconds from routing to the first byte of
/// the response. Pages render without streaming, so that is the whole server-side render, data access included.
/// Browsers show it in their developer tools; the browser tests read it to keep pages under budget.
/// </summary>
public static class ServerTiming
{
    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            return next(http);
        }

        // Dashboard pages render their own 404/500 states; the API's problem+json status pages must not replace them.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        long started = Stopwatch.GetTimestamp();
        http.Response.OnStarting(() =>
        {
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:0.0};desc=\"Render\"");
            return Task.CompletedTask;
        });
        return next(http);
    }
}
