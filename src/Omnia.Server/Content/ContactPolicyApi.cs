using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Messaging;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Messaging;

namespace Omnia.Server.Content;

/// <summary>The workspace's contact policy (consent per channel, caps, quiet hours, control group; docs/messaging.md).</summary>
public static class ContactPolicyApi
{
    /// <summary>A policy may be at most this large.</summary>
    public const int MaxBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapContactPolicyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/contact-policy").WithTags("Content").RequireWorkspaceAccess();
        group.MapGet("/", async (WorkspaceContext w, ContactPolicies policies, CancellationToken ct) => Raw((await policies.ForAsync(w.Id, ct)).ToJson()))
            .RequireRole(Role.Viewer).WithSummary("The contact policy (the defaults until replaced)");
        group.MapPut("/", PutAsync).RequireRole(Role.Marketer).WithSummary("Replace the contact policy (refused with every error, each with its path, when invalid)");
        return app;
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PutAsync(
        WorkspaceContext w, HttpRequest request, ContactPolicies policies, AuditLog audit, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return Problems.TooLarge($"A contact policy may be at most {MaxBytes / 1024} KB.");
        string json = await new StreamReader(request.Body).ReadToEndAsync(ct);
        var before = await policies.ForAsync(w.Id, ct);
        var errors = await policies.SaveAsync(w.Id, json, ct);
        if (errors.Count > 0)
            return Problems.BadRequest($"The contact policy has {errors.Count} problem(s); nothing was saved. See docs/messaging.md for the format.", errors);
        var saved = await policies.ForAsync(w.Id, ct);
        await audit.RecordAsync(request.HttpContext, "contact-policy.saved", ContactPolicies.Setting, before.ToJson(), saved.ToJson());
        return Raw(saved.ToJson());
    }

    private static Ok<JsonElement> Raw(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TypedResults.Ok(document.RootElement.Clone());
    }
}
