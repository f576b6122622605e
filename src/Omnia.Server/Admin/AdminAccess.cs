using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Audit;
using Omnia.Server.Dashboard.Accounts;

namespace Omnia.Server.Admin;

/// <summary>
/// Authenticates admin API calls (<c>Authorization: Bearer &lt;admin key&gt;</c>, or a signed-in dashboard
/// user's cookie) and authorises them against the workspace in the route and the role the endpoint requires.
/// Keys are looked up by hash and cached; a revoked or expired key is refused on its next request (revoking
/// evicts it from the cache). Changes that succeed are recorded in the audit log.
/// </summary>
public sealed class AdminAccess(IWorkspaceStore workspaces, TimeProvider clock)
{
    /// <summary>How often a key's "last used" time is written, at most.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ApiKey?> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, DateTimeOffset> _lastUse = new();

    public async ValueTask<Caller?> AuthenticateAsync(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        if (header is null || !AuthenticationHeaderValue.TryParse(header, out var value)
            || !"Bearer".Equals(value.Scheme, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value.Parameter))
        {
            return null;
        }

        string hash = SecretKeys.Hash(value.Parameter);
        if (!_keys.TryGetValue(hash, out var key))
        {
            key = await workspaces.FindApiKeyByHashAsync(hash, http.RequestAborted).ConfigureAwait(false);
            if (key is not null || _keys.Count < 10_000)
            {
                _keys[hash] = key;
            }
        }

        var now = clock.GetUtcNow();
        if (key is null || !key.IsActive(now))
        {
            return null;
        }

        await RecordUseAsync(key, now, http.RequestAborted).ConfigureAwait(false);
        return new Caller($"key {key.Name}", key.Role, key.WorkspaceId is { } id ? [id] : null) { KeyId = key.Id };
    }

    /// <summary>Forgets a key's cached lookup (after it is revoked), so its next request is checked against the store.</summary>
    public void Evict(int keyId)
    {
        foreach (var (hash, key) in _keys)
        {
            if (key?.Id == keyId)
            {
                _keys.TryRemove(hash, out _);
            }
        }
    }

    private async ValueTask RecordUseAsync(ApiKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = _lastUse.GetOrAdd(key.Id, key.LastUsedAt ?? DateTimeOffset.MinValue);
        if (now - last >= LastUseResolution && _lastUse.TryUpdate(key.Id, now, last))
        {
            await workspaces.RecordApiKeyUseAsync(key.Id, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Middleware (after routing): for endpoints marked with <see cref="AccessScope"/> it answers 401, 404 or 403
    /// as problem+json, or records the caller and workspace for the endpoint to bind. A change the endpoint made
    /// without an audit entry of its own is recorded generically (<see cref="AuditedRequests"/>).
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
        var problem = await access.AuthorizeAsync(http, scope, RequiredRole(endpoint!, http.Request.Method)).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        AuditedRequests.Prepare(http);
        await next(http).ConfigureAwait(false);
        await AuditedRequests.RecordIfMissingAsync(http, http.RequestServices.GetRequiredService<AuditLog>()).ConfigureAwait(false);
    }

    /// <summary>The role an endpoint declared; one that declared none (a bug the route × role test reports) needs an owner to change anything.</summary>
    public static Role RequiredRole(Endpoint endpoint, string method) =>
        endpoint.Metadata.GetMetadata<RequiredRoleAttribute>()?.Role
        ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Role.Viewer : Role.Owner);

    private async Task<IResult?> AuthorizeAsync(HttpContext http, AccessScope scope, Role required)
    {
        var caller = await AuthenticateAsync(http).ConfigureAwait(false) ?? await SignedInUserAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Send an admin key as 'Authorization: Bearer <key>', or sign in to the dashboard. A revoked or expired key is refused.");
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
    public static Caller UserCaller(User user) => new($"user {user.Email}", user.Role, user.AllWorkspaces ? null : user.WorkspaceIds) { UserId = user.Id };

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

    /// <summary>Declares the least role the endpoint needs (every admin endpoint declares one, reads included).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRoleAttribute(role));
}
