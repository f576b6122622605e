namespace Omnia.Server.Dashboard;

/// <summary>
/// Sets the HTTP status of a dashboard page that shows its own error or not-found state. The status is applied
/// as the response starts: a component endpoint that sets 404 while rendering sends no body (it leaves 404s to
/// status-code pages), and the dashboard wants its page, navigation included, with the right status.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext http, int status) => http.Response.OnStarting(() =>
    {
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    });
}
