using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Admin;

/// <summary>
/// Authenticates admin API calls (<c>Authorization: Bearer &lt;admin key&gt;</c>) and authorises them
/// against the workspace in the route and the role the endpoint requires.
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

        return key is null ? null : new Caller($"key {key.Name}", key.Role, key.WorkspaceId);
    }

    /// <summary>Filter for <c>/api/v1/workspaces/{workspace}/…</c>: 401, 404 or 403 as problem+json, else binds <see cref="WorkspaceContext"/>.</summary>
    public static async ValueTask<object?> WorkspaceFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<AdminAccess>();
        var caller = await access.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Send an admin key as 'Authorization: Bearer <key>'.");
        }

        string slug = http.Request.RouteValues["workspace"] as string ?? "";
        var workspace = await access.FindWorkspaceAsync(slug, http.RequestAborted).ConfigureAwait(false);
        if (workspace is null || !caller.CanAccess(workspace))
        {
            return Problems.NotFound($"There is no workspace '{slug}' that this key can see.");
        }

        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? Role.Viewer;
        if (caller.Role < required)
        {
            return Problems.Forbidden($"This needs the {required.ToString().ToLowerInvariant()} role; the caller is {caller.Role.ToString().ToLowerInvariant()}.");
        }

        http.Items[WorkspaceContext.ItemKey] = new WorkspaceContext(workspace, caller);
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Filter for routes above any workspace: needs a key that is not scoped to one workspace.</summary>
    public static async ValueTask<object?> GlobalFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = await http.RequestServices.GetRequiredService<AdminAccess>().AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("Send an admin key as 'Authorization: Bearer <key>'.");
        }

        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? Role.Viewer;
        if (caller.Role < required || (caller.WorkspaceId is not null && required >= Role.Owner))
        {
            return Problems.Forbidden("This needs an owner key that is not limited to one workspace.");
        }

        http.Items["omnia.caller"] = caller;
        return await next(context).ConfigureAwait(false);
    }

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

/// <summary>Route builder helpers for role requirements.</summary>
public static class RoleEndpointExtensions
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRole(role));
}
