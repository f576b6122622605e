using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Dashboard;

/// <summary>
/// Who is looking at which workspace, for one dashboard request (scoped): the signed-in user, the workspaces
/// they can see and the one in the route (<c>/w/{workspace}/…</c>). The layout and the page share it; it is
/// loaded once. The user's role is checked with the same <see cref="Caller"/> the admin API uses.
/// </summary>
public sealed class DashboardSession(IWorkspaceStore workspaces, AdminAccess access)
{
    private Task? _load;

    public User? User { get; private set; }

    /// <summary>The workspaces the user can see, by slug.</summary>
    public IReadOnlyList<Workspace> Workspaces { get; private set; } = [];

    /// <summary>The workspace in the route, when the user can see it.</summary>
    public Workspace? Workspace { get; private set; }

    /// <summary>The workspace slug the route asked for (also when it does not exist).</summary>
    public string? RequestedWorkspace { get; private set; }

    public Caller? Caller { get; private set; }

    public Role Role => Caller?.Role ?? Role.Viewer;

    /// <summary>Whether the user may do what needs <paramref name="required"/> here — the rule the admin API applies.</summary>
    public bool Can(Role required) => Caller is not null && Caller.Role >= required;

    /// <summary>A dashboard URL inside the current workspace, e.g. <c>Url("/profiles")</c>.</summary>
    public string Url(string path = "") => $"/w/{Uri.EscapeDataString(Workspace?.Slug ?? RequestedWorkspace ?? "")}{path}";

    public Task LoadAsync(HttpContext http) => _load ??= LoadCoreAsync(http);

    private async Task LoadCoreAsync(HttpContext http)
    {
        User = await DashboardUsers.AuthenticateAsync(http);
        if (User is null)
        {
            return;
        }

        var all = await workspaces.ListWorkspacesAsync(http.RequestAborted);
        Workspaces = all.Where(User.CanSee).ToList();
        RequestedWorkspace = http.Request.RouteValues["workspace"] as string;
        if (RequestedWorkspace is not null)
        {
            var workspace = await access.FindWorkspaceAsync(RequestedWorkspace, http.RequestAborted);
            Workspace = workspace is not null && User.CanSee(workspace) ? workspace : null;
        }

        Caller = AdminAccess.UserCaller(User);
        // Form posts record audit entries with this caller and workspace, as the admin API's endpoints do.
        http.Items[AdminAccess.CallerItemKey] = Caller;
        if (Workspace is not null)
        {
            http.Items[WorkspaceContext.ItemKey] = new WorkspaceContext(Workspace, Caller);
        }
    }
}
