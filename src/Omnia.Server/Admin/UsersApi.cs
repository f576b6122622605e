using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Audit;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Admin;

/// <summary>
/// Dashboard users of a workspace: list them, invite people (the link is returned once; no email is needed), change
/// a role, deactivate or reactivate, turn two-factor sign-in off. Every change ends the user's sessions at once and
/// is recorded in the audit log. The same rules as Settings → Users.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/users").WithTags("Users").RequireWorkspaceAccess();
        group.MapGet("/", async (WorkspaceContext w, IUserStore users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(w.Id, ct)))
            .RequireRole(Role.Viewer).WithSummary("The people who can see this workspace, with their roles");
        group.MapPatch("/{id:int}", UpdateAsync).RequireRole(Role.Owner)
            .WithSummary("Change a user's role ({\"role\":\"analyst\"}), deactivate or reactivate ({\"active\":false}), or turn two-factor sign-in off ({\"twoFactor\":false}); ends their sessions");
        group.MapGet("/invitations", async (WorkspaceContext w, IUserStore users, CancellationToken ct) =>
                TypedResults.Ok((await users.ListInvitationsAsync(w.Id, ct)).Select(InvitationView.From).ToList()))
            .RequireRole(Role.Owner).WithSummary("Invitations not yet accepted");
        group.MapPost("/invitations", InviteAsync).RequireRole(Role.Owner)
            .WithSummary("Invite a person ({\"email\":…,\"role\":…,\"workspaces\":[slugs] or \"allWorkspaces\":true}); the link is returned once");
        group.MapDelete("/invitations/{id:int}", WithdrawAsync).RequireRole(Role.Owner).WithSummary("Withdraw an invitation");
        return app;
    }

    private static async Task<Results<Ok<User>, ProblemHttpResult>> UpdateAsync(
        WorkspaceContext w, int id, UpdateUser request, HttpContext http, IUserStore users, UserAccounts accounts, AuditLog audit, CancellationToken ct)
    {
        if (request.Role is null && request.Active is null && request.TwoFactor is null)
        {
            return Problems.BadRequest("Send at least one of 'role' (owner, marketer, analyst, viewer), 'active' (true/false) or 'twoFactor' (false).");
        }

        Role? role = null;
        if (request.Role is not null)
        {
            if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.BadRequest("'role' must be one of owner, marketer, analyst, viewer.");
            }

            role = parsed;
        }

        var before = (await users.ListAsync(w.Id, ct)).FirstOrDefault(u => u.Id == id);
        if (before is null)
        {
            return Problems.NotFound($"This workspace has no user {id}; GET /users lists them.");
        }

        var (user, problem, status) = await accounts.ChangeAccessAsync(w.Caller, id, role, request.Active, request.TwoFactor, ct);
        if (user is null)
        {
            return Problems.Create(status, status == StatusCodes.Status409Conflict ? "Conflict" : "The change is not allowed", problem!);
        }

        await audit.RecordAsync(http, "user.changed", user.Email, Access(before), Access(user));
        return TypedResults.Ok(user);
    }

    private static async Task<Results<Created<CreatedInvitation>, ProblemHttpResult>> InviteAsync(
        WorkspaceContext w, InviteUser request, HttpContext http, IWorkspaceStore workspaces, UserAccounts accounts, AuditLog audit, CancellationToken ct)
    {
        if (!Enum.TryParse<Role>(request.Role ?? "viewer", ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return Problems.BadRequest("'role' must be one of owner, marketer, analyst, viewer.");
        }

        // Owners grant access only to workspaces they can see themselves.
        bool all = request.AllWorkspaces == true;
        if (all && !w.Caller.SeesAllWorkspaces)
        {
            return Problems.Forbidden("Only an owner of every workspace can invite someone to all of them.");
        }

        var visible = (await workspaces.ListWorkspacesAsync(ct)).Where(w.Caller.CanAccess).ToList();
        var slugs = request.Workspaces ?? [w.Workspace.Slug];
        var chosen = visible.Where(ws => slugs.Contains(ws.Slug)).ToList();
        if (!all && chosen.Count != slugs.Distinct().Count())
        {
            return Problems.BadRequest("'workspaces' lists a workspace you cannot see; give slugs such as [\"default\"].");
        }

        var (invitation, token, errors) = await accounts.InviteAsync(request.Email, role, all, chosen, w.Caller.Name, ct);
        if (invitation is null)
        {
            return Problems.BadRequest("The invitation cannot be made.", errors);
        }

        string link = $"/invite/{token}";
        await audit.RecordAsync(http, "user.invited", invitation.Email, null, Access(invitation));
        return TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/users/invitations", new CreatedInvitation(InvitationView.From(invitation), link));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WithdrawAsync(
        WorkspaceContext w, int id, HttpContext http, IUserStore users, AuditLog audit, CancellationToken ct)
    {
        var invitation = (await users.ListInvitationsAsync(w.Id, ct)).FirstOrDefault(i => i.Id == id);
        if (invitation is null || !await users.DeleteInvitationAsync(id, ct))
        {
            return Problems.NotFound($"This workspace has no pending invitation {id}.");
        }

        await audit.RecordAsync(http, "user.invitation_withdrawn", invitation.Email, Access(invitation), null);
        return TypedResults.NoContent();
    }

    /// <summary>What the audit log keeps of a user's access (no password, no secret).</summary>
    public static object Access(User user) => new { user.Email, user.Role, user.Active, user.TwoFactorEnabled, user.AllWorkspaces, user.WorkspaceIds };

    private static object Access(Invitation i) => new { i.Email, i.Role, i.AllWorkspaces, i.WorkspaceIds, i.ExpiresAt };
}

/// <summary>A change to a user; each field is optional.</summary>
public sealed record UpdateUser(string? Role, bool? Active, bool? TwoFactor);

public sealed record InviteUser(string? Email, string? Role, IReadOnlyList<string>? Workspaces, bool? AllWorkspaces);

/// <summary>A pending invitation (without its token).</summary>
public sealed record InvitationView(int Id, string Email, Role Role, bool AllWorkspaces, IReadOnlyList<int> WorkspaceIds, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static InvitationView From(Invitation i) => new(i.Id, i.Email, i.Role, i.AllWorkspaces, i.WorkspaceIds, i.InvitedBy, i.CreatedAt, i.ExpiresAt);
}

/// <summary>A new invitation and its link (a path on this server), shown this once.</summary>
public sealed record CreatedInvitation(InvitationView Invitation, string Link);
