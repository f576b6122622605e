using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Admin;

/// <summary>
/// Authenticates admin API calls (<c>Authorization: Bearer &lt;admin key&gt;</c>, or a signed-in dashboard
/// user's cookie) and authorises them against the workspace in the route and the role the endpoint requires.
/// </summary>
public sealed class AdminAccess(IWorkspaceStore workspaces)
{
    private readonly ConcurrentDictionary<string, ApiKey?> _keys = new(StringComparer.Ordinal);

    public async ValueTask<Caller?> AuthenticateAsync(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        if (header is null || !AuthenticationHeaderValue.TryParse(header, out var value)
            || !"Bearer".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value.Parameter))
        {
            return null;
        }

        if (!_keys.TryGetValue(value.Parameter, out var key))
        {
            key = await workspaces.FindApiKeyByHashAsync(SecretKeys.Hash(value.Parameter), http.RequestAborted).ConfigureAwait(false);
            if (_keys.Count < 10_000)
            {
                _keys[value.Parameter] = key;
            }
        }

        return key is null ? null : new Caller($"key {key.Name}", key.Role, key.WorkspaceId is { } id ? [id] : null);
    }

    /// <summary>
    /// Middleware (after routing): for endpoints marked with <see cref="AccessScope"/> it answers 401, 404 or 403
    /// as problem+json, or records the caller and workspace for the endpoint to bind.
    /// </summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        var scope = endpoint?.Metadata.GetMetadata<AccessScope>();
        if (scope is null)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var access = http.RequestServices.GetRequiredService<AdminAccess>();
        var problem = await access.AuthorizeAsync(http, scope, endpoint!.Metadata.GetMetadata<RequiredRole>()?.Role ?? Role.Viewer).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }

    private async Task<IResult?> AuthorizeAsync(HttpContext http, AccessScope scope, Role required)
    {
        var caller = await AuthenticateAsync(http).ConfigureAwait(false) ?? await SignedInUserAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Send an admin key as 'Authorization: Bearer <key>', or sign in to the dashboard.");
        }

        http.Items[CallerItemKey] = caller;
        if (scope == AccessScope.Global)
        {
            return caller.Role < required || (!caller.SeesAllWorkspaces && required >= Role.Owner)
                ? Problems.Forbidden("This needs an owner key that is not limited to one workspace.")
                : null;
        }

        string slug = http.Request.RouteValues["workspace"] as string ?? "";
        var workspace = await FindWorkspaceAsync(slug, http.RequestAborted).ConfigureAwait(false);
        if (workspace is null || !caller.CanAccess(workspace))
        {
            return Problems.NotFound($"There is no workspace '{slug}' that this key can see.");
        }

        if (caller.Role < required)
        {
            return Problems.Forbidden($"This needs the {required.ToString().ToLowerInvariant()} role; the caller is {caller.Role.ToString().ToLowerInvariant()}.");
        }

        http.Items[WorkspaceContext.ItemKey] = new WorkspaceContext(workspace, caller);
        return null;
    }

    internal const string CallerItemKey = "omnia.caller";

    /// <summary>
    /// A signed-in dashboard user calls the API with the user's role, so the API and the dashboard enforce the
    /// same permissions. A change (anything but GET/HEAD) from a browser must also carry the antiforgery token
    /// in the <c>RequestVerificationToken</c> header, so another site cannot make the browser send it.
    /// </summary>
    private async ValueTask<Caller?> SignedInUserAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.Count > 0)
        {
            return null;
        }

        var user = await DashboardUsers.AuthenticateAsync(http).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return null;
        }

        return UserCaller(user);
    }

    /// <summary>A dashboard user as a caller: every workspace for a user who sees all of them, else the user's workspaces.</summary>
    public static Caller UserCaller(User user) => new($"user {user.Email}", user.Role, user.AllWorkspaces ? null : user.WorkspaceIds);

    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);

    public async ValueTask<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken)
    {
        if (_workspaces.TryGetValue(slug, out var cached))
        {
            return cached;
        }

        var workspace = await workspaces.FindWorkspaceAsync(slug, cancellationToken).ConfigureAwait(false);
        if (workspace is not null)
        {
            _workspaces[slug] = workspace;
        }

        return workspace;
    }
}

/// <summary>Endpoint metadata: the admin API needs a key; <c>Workspace</c> also checks the <c>{workspace}</c> route value.</summary>
public sealed record AccessScope(string Name)
{
    public static readonly AccessScope Global = new("global");
    public static readonly AccessScope Workspace = new("workspace");
}

/// <summary>Route builder helpers for access requirements.</summary>
public static class RoleEndpointExtensions
{
    /// <summary>Every endpoint of the group needs an admin key that can see the workspace in the route.</summary>
    public static RouteGroupBuilder RequireWorkspaceAccess(this RouteGroupBuilder group) => group.WithMetadata(AccessScope.Workspace);

    /// <summary>Every endpoint of the group needs an admin key (not tied to a workspace route).</summary>
    public static RouteGroupBuilder RequireAdminKey(this RouteGroupBuilder group) => group.WithMetadata(AccessScope.Global);

    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRole(role));
}
