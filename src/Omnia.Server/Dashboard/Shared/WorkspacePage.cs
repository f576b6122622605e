using Microsoft.AspNetCore.Components;
using Omnia.Server.Admin;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>
/// Base of every page under <c>/w/{workspace}/…</c>: loads the <see cref="DashboardSession"/> (user, workspace,
/// role), then the page's own data in <see cref="LoadAsync"/>. A failure while loading is logged and shown as
/// the page's error state instead of an error page, so the navigation stays usable.
/// </summary>
public abstract class WorkspacePage : ComponentBase
{
    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    [Inject] public DashboardSession Session { get; set; } = default!;

    [Inject] public ILogger<WorkspacePage> Logger { get; set; } = default!;

    [Inject] public TimeProvider Clock { get; set; } = default!;

    /// <summary>The workspace slug from the route.</summary>
    [Parameter] public string Workspace { get; set; } = "";

    /// <summary>Why the page's data could not be loaded, or null.</summary>
    protected string? LoadFailure { get; private set; }

    /// <summary>The workspace and caller, as the admin API's endpoints receive them.</summary>
    protected WorkspaceContext Context { get; private set; } = default!;

    protected DateTimeOffset Now { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        await Session.LoadAsync(HttpContext);
        if (Session.Workspace is null || Session.Caller is null)
        {
            return;
        }

        Context = new WorkspaceContext(Session.Workspace, Session.Caller);
        Now = Clock.GetUtcNow();
        try
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not NavigationException && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            Logger.LogError(ex, "Dashboard page {Path} failed to load", HttpContext.Request.Path);
            LoadFailure = ex.Message;
            PageStatus.Set(HttpContext, StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>Loads what the page shows; runs once per request, after the session.</summary>
    protected virtual Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
