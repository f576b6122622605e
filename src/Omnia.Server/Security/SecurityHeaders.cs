namespace Omnia.Server.Security;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (scripts only from Omnia's own files, no inline
/// script or event handler; inline <c>style</c> attributes are allowed because pages set chart colours and bar
/// widths with CSS variables), no framing (unless a response set its own policy, as the report does), no MIME sniffing, no referrer to other sites, and HSTS over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            // A response that chose its own policy keeps it and its framing rule (the monthly report: no script at
            // all, framed by the dashboard's own page); every other response gets the strict defaults, also over
            // the SAMEORIGIN that antiforgery sets on pages with a form.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            else if (string.IsNullOrEmpty(headers.XFrameOptions))
            {
                headers.XFrameOptions = "DENY";
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
