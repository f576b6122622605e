using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Audiences;

/// <summary>Data-driven buyer personas: train them from the workspace's profiles, read their descriptions, name them.</summary>
public static class PersonasApi
{
    public static IEndpointRouteBuilder MapPersonasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/personas").WithTags("Personas").RequireWorkspaceAccess();
        group.MapGet("/", async (WorkspaceContext w, PersonaCatalog personas, CancellationToken ct) => TypedResults.Ok(await personas.ListAsync(w.Id, ct)))
            .WithSummary("The personas with their names, sizes and what distinguishes them (empty until trained)");
        group.MapPost("/train", TrainAsync).RequireRole(Role.Marketer)
            .WithSummary($"Cluster the profiles into personas (k from 3 to 6 chosen by silhouette unless ?k= is given; ?seed= for another start)");
        group.MapPut("/{key}", RenameAsync).RequireRole(Role.Marketer).WithSummary("Rename a persona (body: {\"name\":\"…\"})");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PersonaView>>, ProblemHttpResult>> TrainAsync(
        WorkspaceContext w, int? k, int? seed, PersonaCatalog personas, CancellationToken ct)
    {
        if (k is < 2 or > 20)
        {
            return Problems.BadRequest("'k' must be between 2 and 20 personas; leave it out to let the silhouette choose between 3 and 6.");
        }

        var trained = await personas.TrainAsync(w.Id, k, seed ?? 1, ct);
        return trained is null
            ? Problems.BadRequest("There are too few profiles with events to find personas; load more data first.")
            : TypedResults.Ok(await personas.ListAsync(w.Id, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RenameAsync(
        WorkspaceContext w, string key, RenameRequest? body, PersonaCatalog personas, CancellationToken ct)
    {
        if (body?.Name is not { } name || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 80)
        {
            return Problems.BadRequest("Send {\"name\":\"…\"} with a name of 1 to 80 characters.");
        }

        return await personas.RenameAsync(w.Id, key, name, ct) ? TypedResults.NoContent() : Problems.NotFound($"There is no persona '{key}'; GET /personas lists them.");
    }
}

/// <summary>A new name for a persona.</summary>
public sealed record RenameRequest(string? Name);
