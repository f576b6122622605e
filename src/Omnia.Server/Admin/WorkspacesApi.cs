using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Audit;

namespace Omnia.Server.Admin;

/// <summary>Workspaces, sources (write keys: create, rotate, disable, delete) and admin keys (create with an optional expiry, list with last use, revoke).</summary>
public static partial class WorkspacesApi
{
    /// <summary>The longest an admin key may be created for.</summary>
    public const int MaxKeyDays = 3650;

    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var global = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces").RequireAdminKey();
        global.MapGet("/", ListAsync).RequireRole(Role.Viewer).WithSummary("Workspaces the key can see");
        global.MapPost("/", CreateAsync).RequireRole(Role.Owner).WithSummary("Create a workspace");

        var ws = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Workspaces").RequireWorkspaceAccess();
        ws.MapGet("/", (WorkspaceContext w) => TypedResults.Ok(w.Workspace)).RequireRole(Role.Viewer).WithSummary("One workspace");
        ws.MapGet("/sources", async (WorkspaceContext w, IWorkspaceStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListSourcesAsync(w.Id, ct))).RequireRole(Role.Viewer).WithSummary("Sources of a workspace");
        ws.MapPost("/sources", CreateSourceAsync).RequireRole(Role.Owner).WithSummary("Create a source; its write key is returned once");
        ws.MapPatch("/sources/{id:int}", UpdateSourceAsync).RequireRole(Role.Owner)
            .WithSummary("Set the web origins whose pages may send events with the source's write key (empty: any origin), or disable/enable the source ({\"enabled\":false})");
        ws.MapPost("/sources/{id:int}/rotate-key", RotateKeyAsync).RequireRole(Role.Owner)
            .WithSummary("Give the source a new write key (returned once); the old one keeps working for ?overlapHours= (default 24, 0 to 720)");
        ws.MapDelete("/sources/{id:int}", DeleteSourceAsync).RequireRole(Role.Owner)
            .WithSummary("Delete a source: its write keys stop working at once; its events stay");
        ws.MapGet("/keys", async (WorkspaceContext w, IWorkspaceStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListApiKeysAsync(w.Id, ct))).RequireRole(Role.Owner).WithSummary("Admin keys of a workspace, with expiry, revocation and last use");
        ws.MapPost("/keys", CreateKeyAsync).RequireRole(Role.Owner).WithSummary("Create an admin key ({\"name\",\"role\",\"expiresInDays\"}); it is returned once");
        ws.MapDelete("/keys/{id:int}", RevokeKeyAsync).RequireRole(Role.Owner).WithSummary("Revoke an admin key: refused from its next request on");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Workspace>>> ListAsync(HttpContext http, IWorkspaceStore store, CancellationToken ct)
    {
        var caller = (Caller)http.Items[AdminAccess.CallerItemKey]!;
        var all = await store.ListWorkspacesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<Workspace>>(all.Where(caller.CanAccess).ToList());
    }

    private static async Task<Results<Created<Workspace>, ProblemHttpResult>> CreateAsync(
        CreateWorkspace request, HttpContext http, IWorkspaceStore store, AuditLog audit, CancellationToken ct)
    {
        if (request.Slug is null || !SlugPattern().IsMatch(request.Slug))
        {
            return Problems.BadRequest("'slug' must be 2–40 lowercase letters, digits or dashes, starting with a letter (e.g. \"acme-eu\").");
        }

        if (await store.FindWorkspaceAsync(request.Slug, ct) is not null)
        {
            return Problems.Conflict($"A workspace '{request.Slug}' exists already.");
        }

        var workspace = await store.CreateWorkspaceAsync(request.Slug, string.IsNullOrWhiteSpace(request.Name) ? request.Slug : request.Name.Trim(), ct);
        await audit.RecordAsync(http, "workspace.created", workspace.Slug, null, workspace, workspaceId: null);
        return TypedResults.Created($"/api/v1/workspaces/{workspace.Slug}", workspace);
    }

    private static async Task<Results<Created<CreatedSource>, ProblemHttpResult>> CreateSourceAsync(
        WorkspaceContext w, CreateSource request, HttpContext http, SourceRegistry sources, AuditLog audit, CancellationToken ct)
    {
        if (SourceRegistry.Problem(request.Name) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var (origins, errors) = WebOrigins.Parse(request.AllowedOrigins);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("'allowedOrigins' must list web origins.", errors);
        }

        var created = await sources.CreateAsync(w.Id, request.Name!, request.Kind, ct);
        if (origins.Count > 0)
        {
            created = created with { Source = await sources.SetAllowedOriginsAsync(w.Id, created.Source.Id, origins, ct) ?? created.Source };
        }

        await audit.RecordAsync(http, "source.created", SourceTarget(created.Source), null, created.Source);
        return TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/sources/{created.Source.Id}", created);
    }

    private static async Task<Results<Ok<Source>, ProblemHttpResult>> UpdateSourceAsync(
        WorkspaceContext w, int id, UpdateSource request, HttpContext http, IWorkspaceStore store, SourceRegistry sources, AuditLog audit, CancellationToken ct)
    {
        if (request.AllowedOrigins is null && request.Enabled is null)
        {
            return Problems.BadRequest("Send 'allowedOrigins': a list of web origins such as [\"https://shop.example.com\"] ([] for any origin), or 'enabled': true/false.");
        }

        var (origins, errors) = WebOrigins.Parse(request.AllowedOrigins);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("'allowedOrigins' must list web origins.", errors);
        }

        if (await store.GetSourceAsync(w.Id, id, ct) is not { } before)
        {
            return Problems.NotFound($"The workspace has no source {id}.");
        }

        var source = before;
        if (request.AllowedOrigins is not null)
        {
            source = await sources.SetAllowedOriginsAsync(w.Id, id, origins, ct) ?? source;
        }

        if (request.Enabled is { } enabled)
        {
            source = await sources.SetEnabledAsync(w.Id, id, enabled, ct) ?? source;
        }

        await audit.RecordAsync(http, "source.changed", SourceTarget(source), before, source);
        return TypedResults.Ok(source);
    }

    private static async Task<Results<Ok<CreatedSource>, ProblemHttpResult>> RotateKeyAsync(
        WorkspaceContext w, int id, double? overlapHours, HttpContext http, IWorkspaceStore store, SourceRegistry sources, AuditLog audit,
        OmniaServerOptions options, CancellationToken ct)
    {
        if (overlapHours is { } h && !(h >= 0 && h <= SourceRegistry.MaxOverlap.TotalHours))
        {
            return Problems.BadRequest($"'overlapHours' must be between 0 and {SourceRegistry.MaxOverlap.TotalHours:0}: how long the old key keeps working.");
        }

        var overlap = overlapHours is { } hours ? TimeSpan.FromHours(hours) : options.Security.DefaultRotationOverlap;

        var before = await store.GetSourceAsync(w.Id, id, ct);
        var rotated = before is null ? null : await sources.RotateAsync(w.Id, id, overlap, ct);
        if (rotated is null)
        {
            return Problems.NotFound($"The workspace has no source {id}.");
        }

        await audit.RecordAsync(http, "source.key_rotated", SourceTarget(rotated.Source), before, rotated.Source);
        return TypedResults.Ok(rotated);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSourceAsync(
        WorkspaceContext w, int id, HttpContext http, IWorkspaceStore store, SourceRegistry sources, AuditLog audit, CancellationToken ct)
    {
        var before = await store.GetSourceAsync(w.Id, id, ct);
        if (before is null || !await sources.DeleteAsync(w.Id, id, ct))
        {
            return Problems.NotFound($"The workspace has no source {id}.");
        }

        await audit.RecordAsync(http, "source.deleted", SourceTarget(before), before, null);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateKeyAsync(
        WorkspaceContext w, CreateKey request, HttpContext http, IWorkspaceStore store, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            return Problems.BadRequest("'name' is required (at most 100 characters), e.g. \"reporting script\".");
        }

        if (!Enum.TryParse<Role>(request.Role ?? "viewer", ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return Problems.BadRequest("'role' must be one of owner, marketer, analyst, viewer.");
        }

        if (request.ExpiresInDays is < 1 or > MaxKeyDays)
        {
            return Problems.BadRequest($"'expiresInDays' must be between 1 and {MaxKeyDays}, or left out for a key that does not expire.");
        }

        var expires = request.ExpiresInDays is { } days ? clock.GetUtcNow().AddDays(days) : (DateTimeOffset?)null;
        string key = SecretKeys.NewAdminKey();
        var apiKey = await store.CreateApiKeyAsync(w.Id, request.Name.Trim(), role, SecretKeys.Hash(key), SecretKeys.Prefix(key), expires, ct);
        await audit.RecordAsync(http, "key.created", KeyTarget(apiKey), null, apiKey);
        return TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/keys/{apiKey.Id}", new CreatedKey(apiKey, key));
    }

    private static async Task<Results<Ok<ApiKey>, ProblemHttpResult>> RevokeKeyAsync(
        WorkspaceContext w, int id, HttpContext http, IWorkspaceStore store, AdminAccess access, AuditLog audit, CancellationToken ct)
    {
        var before = await store.GetApiKeyAsync(w.Id, id, ct);
        if (before is null)
        {
            return Problems.NotFound($"The workspace has no admin key {id}; GET /keys lists them.");
        }

        if (before.WorkspaceId is null && !w.Caller.SeesAllWorkspaces)
        {
            return Problems.Forbidden("This key administers every workspace; only an owner of every workspace can revoke it.");
        }

        var revoked = await store.RevokeApiKeyAsync(id, ct) ?? before;
        access.Evict(id);
        await audit.RecordAsync(http, "key.revoked", KeyTarget(revoked), before, revoked, before.WorkspaceId);
        return TypedResults.Ok(revoked);
    }

    public static string SourceTarget(Source source) => $"{source.Name} (#{source.Id})";

    public static string KeyTarget(ApiKey key) => $"{key.Name} ({key.Prefix})";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();
}

public sealed record CreateWorkspace(string? Slug, string? Name);

public sealed record CreateSource(string? Name, string? Kind, IReadOnlyList<string?>? AllowedOrigins = null);

/// <summary>A change to a source: the web origins allowed to send its events from a browser, and whether it is enabled.</summary>
public sealed record UpdateSource(IReadOnlyList<string?>? AllowedOrigins, bool? Enabled = null);

/// <summary>A new source (or a rotated one) and its write key, shown this once.</summary>
public sealed record CreatedSource(Source Source, string WriteKey);

public sealed record CreateKey(string? Name, string? Role, int? ExpiresInDays = null);

/// <summary>A new admin key, shown this once.</summary>
public sealed record CreatedKey(ApiKey Key, string Secret);
