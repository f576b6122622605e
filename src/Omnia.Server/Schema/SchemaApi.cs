using Omnia.Core.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Server.Admin;

namespace Omnia.Server.Schema;

/// <summary>The names a workspace's events, traits and definitions use, for building segments and rules without guessing.</summary>
public static class SchemaApi
{
    public static IEndpointRouteBuilder MapSchemaApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Schema").RequireWorkspaceAccess()
            .MapGet("/schema", GetAsync)
            .RequireRole(Role.Viewer).WithSummary("Event names, properties and traits seen in the workspace (from its newest 50,000 events) with value types and examples, "
                + "plus the computed traits, segments, personas, lifecycle stages and channels conditions can use");
        return app;
    }

    private static async Task<Ok<WorkspaceSchema>> GetAsync(WorkspaceContext w, SchemaCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.GetAsync(w.Id, ct));
}
