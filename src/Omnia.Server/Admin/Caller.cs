using System.Reflection;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Admin;

/// <summary>
/// Who is calling the admin API: an API key or a dashboard user, with a role and the workspaces it may see
/// (<see cref="WorkspaceIds"/> null means every workspace, including ones created later).
/// </summary>
public sealed record Caller(string Name, Role Role, IReadOnlyList<int>? WorkspaceIds)
{
    /// <summary>The dashboard user behind the call, if it is one.</summary>
    public int? UserId { get; init; }

    /// <summary>The admin key behind the call, if it is one.</summary>
    public int? KeyId { get; init; }

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

/// <summary>
/// The least role an admin API endpoint (<c>.RequireRole(Role.Viewer)</c>) or a dashboard page
/// (<c>@attribute [RequiredRole(Role.Owner)]</c>) needs. Every one declares it: the route × role test fails for one
/// that does not, and the OpenAPI document shows it as <c>x-omnia-role</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class RequiredRoleAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}
