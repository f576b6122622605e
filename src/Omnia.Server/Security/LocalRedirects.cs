namespace Omnia.Server.Security;

/// <summary>
/// Makes every redirect Omnia sends relative (<c>Location: /signin?…</c>). ASP.NET's cookie sign-in and Blazor's
/// navigation build absolute URLs from the request's <c>Host</c> header, which a client controls; a relative
/// Location never repeats it, so a forged Host cannot turn a redirect into a link to another site.
/// </summary>
public static class LocalRedirects
{
    /// <summary>
    /// An <see cref="HttpContext.Items"/> key a handler sets when its redirect must leave Omnia: only the click redirect
    /// (<c>/t/c/…</c>), whose target is signed into its token, so it is never taken from the request.
    /// </summary>
    public const string SignedExternal = "omnia.redirect.signed-external";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            string? location = context.Response.Headers.Location;
            if (location is not null && !context.Items.ContainsKey(SignedExternal) && Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                // Omnia only ever redirects to itself: keep the path and query, drop the scheme and host. A path that
                // starts with two slashes would read as another host ("//evil.example/"), so it becomes the home page.
                string local = uri.PathAndQuery + uri.Fragment;
                context.Response.Headers.Location = local.StartsWith("//", StringComparison.Ordinal) || local.StartsWith("/\\", StringComparison.Ordinal) ? "/" : local;
            }

            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
