using System.Reflection;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Admin;

/// <summary>
/// Who is calling the admin API: an API key or a dashboard user, with a role and the workspaces it may see
/// (<see cref="WorkspaceIds"/> null means every workspace, including ones created later).
/// </summary>
public sealed record Caller(string Name, Role Role, IReadOnlyList<int>? WorkspaceIds)
{
    /// <summary>True when the caller is not limited to particular workspaces.</summary>
    public bool SeesAllWorkspaces => WorkspaceIds is null;

    public bool CanAccess(Workspace workspace) => WorkspaceIds is null || WorkspaceIds.Contains(workspace.Id);
}

/// <summary>The workspace named in the route, checked against the caller. Bound as an endpoint parameter.</summary>
public sealed record WorkspaceContext(Workspace Workspace, Caller Caller)
{
    internal const string ItemKey = "omnia.workspace";

    public int Id => Workspace.Id;

    public static ValueTask<WorkspaceContext?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Items[ItemKey] as WorkspaceContext);
}

/// <summary>Endpoint metadata: the least role an endpoint needs.</summary>
public sealed record RequiredRole(Role Role);
