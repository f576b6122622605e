using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;

namespace Omnia.Server.Admin;

/// <summary>Workspaces, sources (write keys) and admin keys.</summary>
public static partial class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var global = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces").RequireAdminKey();
        global.MapGet("/", ListAsync).WithSummary("Workspaces the key can see");
        global.MapPost("/", CreateAsync).RequireRole(Role.Owner).WithSummary("Create a workspace");

        var ws = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Workspaces").RequireWorkspaceAccess();
        ws.MapGet("/", (WorkspaceContext w) => TypedResults.Ok(w.Workspace)).WithSummary("One workspace");
        ws.MapGet("/sources", async (WorkspaceContext w, IWorkspaceStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListSourcesAsync(w.Id, ct))).WithSummary("Sources of a workspace");
        ws.MapPost("/sources", CreateSourceAsync).RequireRole(Role.Owner).WithSummary("Create a source; its write key is returned once");
        ws.MapPatch("/sources/{id:int}", UpdateSourceAsync).RequireRole(Role.Owner)
            .WithSummary("Set the web origins whose pages may send events with the source's write key (empty: any origin)");
        ws.MapGet("/keys", async (WorkspaceContext w, IWorkspaceStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListApiKeysAsync(w.Id, ct))).RequireRole(Role.Owner).WithSummary("Admin keys of a workspace");
        ws.MapPost("/keys", CreateKeyAsync).RequireRole(Role.Owner).WithSummary("Create an admin key; it is returned once");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Workspace>>> ListAsync(HttpContext http, IWorkspaceStore store, CancellationToken ct)
    {
        var caller = (Caller)http.Items[AdminAccess.CallerItemKey]!;
        var all = await store.ListWorkspacesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<Workspace>>(all.Where(caller.CanAccess).ToList());
    }

    private static async Task<Results<Created<Workspace>, ProblemHttpResult>> CreateAsync(CreateWorkspace request, IWorkspaceStore store, CancellationToken ct)
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
        return TypedResults.Created($"/api/v1/workspaces/{workspace.Slug}", workspace);
    }

    private static async Task<Results<Created<CreatedSource>, ProblemHttpResult>> CreateSourceAsync(
        WorkspaceContext w, CreateSource request, SourceRegistry sources, CancellationToken ct)
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

        return TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/sources/{created.Source.Id}", created);
    }

    private static async Task<Results<Ok<Source>, ProblemHttpResult>> UpdateSourceAsync(
        WorkspaceContext w, int id, UpdateSource request, SourceRegistry sources, CancellationToken ct)
    {
        if (request.AllowedOrigins is null)
        {
            return Problems.BadRequest("Send 'allowedOrigins': a list of web origins such as [\"https://shop.example.com\"], or [] for any origin.");
        }

        var (origins, errors) = WebOrigins.Parse(request.AllowedOrigins);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("'allowedOrigins' must list web origins.", errors);
        }

        return await sources.SetAllowedOriginsAsync(w.Id, id, origins, ct) is { } source
            ? TypedResults.Ok(source)
            : Problems.NotFound($"The workspace has no source {id}.");
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateKeyAsync(
        WorkspaceContext w, CreateKey request, IWorkspaceStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.BadRequest("'name' is required, e.g. \"reporting script\".");
        }

        if (!Enum.TryParse<Role>(request.Role ?? "viewer", ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            return Problems.BadRequest("'role' must be one of owner, marketer, analyst, viewer.");
        }

        string key = SecretKeys.NewAdminKey();
        var apiKey = await store.CreateApiKeyAsync(w.Id, request.Name.Trim(), role, SecretKeys.Hash(key), SecretKeys.Prefix(key), ct);
        return TypedResults.Created($"/api/v1/workspaces/{w.Workspace.Slug}/keys/{apiKey.Id}", new CreatedKey(apiKey, key));
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();
}

public sealed record CreateWorkspace(string? Slug, string? Name);

public sealed record CreateSource(string? Name, string? Kind, IReadOnlyList<string?>? AllowedOrigins = null);

/// <summary>A change to a source: the web origins allowed to send its events from a browser.</summary>
public sealed record UpdateSource(IReadOnlyList<string?>? AllowedOrigins);

/// <summary>A new source and its write key, shown this once.</summary>
public sealed record CreatedSource(Source Source, string WriteKey);

public sealed record CreateKey(string? Name, string? Role);

/// <summary>A new admin key, shown this once.</summary>
public sealed record CreatedKey(ApiKey Key, string Secret);
