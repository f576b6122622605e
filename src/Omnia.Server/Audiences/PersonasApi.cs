using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;

namespace Omnia.Server.Audiences;

/// <summary>Data-driven buyer personas: train them from the workspace's profiles, read their descriptions, name them.</summary>
public static class PersonasApi
{
    public static IEndpointRouteBuilder MapPersonasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/personas").WithTags("Personas").RequireWorkspaceAccess();
        group.MapGet("/", async (WorkspaceContext w, PersonaCatalog personas, CancellationToken ct) => TypedResults.Ok(await personas.ListAsync(w.Id, ct)))
            .RequireRole(Role.Viewer).WithSummary("The personas with their names, sizes and what distinguishes them (empty until trained)");
        group.MapPost("/train", TrainAsync).RequireRole(Role.Marketer)
            .WithSummary($"Cluster the profiles into personas (k from 3 to 6 chosen by silhouette unless ?k= is given; ?seed= for another start)");
        group.MapPut("/{key}", RenameAsync).RequireRole(Role.Marketer).WithSummary("Rename a persona (body: {\"name\":\"…\"})");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PersonaView>>, ProblemHttpResult>> TrainAsync(
        WorkspaceContext w, int? k, int? seed, HttpContext http, PersonaCatalog personas, AuditLog audit, CancellationToken ct)
    {
        if (k is < 2 or > 20)
        {
            return Problems.BadRequest("'k' must be between 2 and 20 personas; leave it out to let the silhouette choose between 3 and 6.");
        }

        var before = await personas.ListAsync(w.Id, ct);
        var trained = await personas.TrainAsync(w.Id, k, seed ?? 1, ct);
        if (trained is null)
        {
            return Problems.BadRequest("There are too few profiles with events to find personas; load more data first.");
        }

        var after = await personas.ListAsync(w.Id, ct);
        await audit.RecordAsync(http, "personas.trained", "personas", Summary(before), Summary(after));
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RenameAsync(
        WorkspaceContext w, string key, RenameRequest? body, HttpContext http, PersonaCatalog personas, AuditLog audit, CancellationToken ct)
    {
        if (body?.Name is not { } name || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 80)
        {
            return Problems.BadRequest("Send {\"name\":\"…\"} with a name of 1 to 80 characters.");
        }

        var before = (await personas.ListAsync(w.Id, ct)).FirstOrDefault(p => p.Key == key)?.Name;
        if (!await personas.RenameAsync(w.Id, key, name, ct))
        {
            return Problems.NotFound($"There is no persona '{key}'; GET /personas lists them.");
        }

        await audit.RecordAsync(http, "persona.renamed", key, new { name = before }, new { name = name.Trim() });
        return TypedResults.NoContent();
    }

    /// <summary>What the audit log keeps of a set of personas: keys, names and sizes.</summary>
    public static object Summary(IEnumerable<PersonaView> personas) => personas.Select(p => new { p.Key, p.Name, p.Profiles }).ToList();
}

/// <summary>A new name for a persona.</summary>
public sealed record RenameRequest(string? Name);
