using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Audiences;
using Omnia.Core.Lifecycle;
using Omnia.Core.Segments;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;

namespace Omnia.Server.Audiences;

/// <summary>
/// A workspace's computed traits (defined as data), lifecycle rules and RFM breakpoints, and how its profiles
/// spread over lifecycle stages. Every change recomputes membership.
/// </summary>
public static class AudienceSettingsApi
{
    public static IEndpointRouteBuilder MapAudienceSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Audiences").RequireWorkspaceAccess();
        group.MapGet("/computed-traits", ListTraitsAsync).RequireRole(Role.Viewer).WithSummary("The workspace's computed traits, and the names of the built-in ones");
        group.MapPost("/computed-traits", (WorkspaceContext w, HttpRequest r, AudienceSettingsDocuments d, AuditLog a, CancellationToken ct) => PutTraitAsync(w, null, r, d, a, ct))
            .RequireRole(Role.Marketer).WithSummary("Create or replace a computed trait (body: its definition, docs/segments.md)");
        group.MapPut("/computed-traits/{name}", (WorkspaceContext w, string name, HttpRequest r, AudienceSettingsDocuments d, AuditLog a, CancellationToken ct) => PutTraitAsync(w, name, r, d, a, ct))
            .RequireRole(Role.Marketer).WithSummary("Create or replace a computed trait");
        group.MapDelete("/computed-traits/{name}", DeleteTraitAsync).RequireRole(Role.Marketer).WithSummary("Delete a computed trait (refused while segments or lifecycle rules use it)");
        group.MapGet("/lifecycle-rules", async (WorkspaceContext w, AudienceSettingsDocuments d, CancellationToken ct) => Raw((await d.LoadAsync(w.Id, ct)).Lifecycle.ToJson()))
            .RequireRole(Role.Viewer).WithSummary("The lifecycle stage rules (the defaults until replaced)");
        group.MapPut("/lifecycle-rules", PutLifecycleAsync).RequireRole(Role.Marketer).WithSummary("Replace the lifecycle stage rules");
        group.MapGet("/lifecycle", LifecycleAsync).RequireRole(Role.Viewer).WithSummary("Profiles per lifecycle stage");
        group.MapGet("/rfm-breakpoints", async (WorkspaceContext w, AudienceSettingsDocuments d, CancellationToken ct) =>
            TypedResults.Ok(AudienceSettingsDocuments.ToDocument((await d.LoadAsync(w.Id, ct)).Rfm))).RequireRole(Role.Viewer).WithSummary("RFM score thresholds");
        group.MapPut("/rfm-breakpoints", PutRfmAsync).RequireRole(Role.Marketer).WithSummary("Replace the RFM score thresholds");
        group.MapPost("/rfm-breakpoints/calibrate", async (WorkspaceContext w, HttpContext http, AudienceSettingsDocuments d, AuditLog a, CancellationToken ct) =>
            {
                var before = AudienceSettingsDocuments.ToDocument((await d.LoadAsync(w.Id, ct)).Rfm);
                var after = await d.CalibrateRfmAsync(w.Id, ct);
                await a.RecordAsync(http, "rfm-breakpoints.calibrated", "rfm-breakpoints", before, after);
                return TypedResults.Ok(after);
            })
            .RequireRole(Role.Marketer).WithSummary("Set the RFM thresholds to the quintiles of the workspace's customers");
        return app;
    }

    private static async Task<Ok<ComputedTraitsList>> ListTraitsAsync(WorkspaceContext w, AudienceSettingsDocuments documents, CancellationToken ct)
    {
        var traits = await documents.LoadComputedTraitsAsync(w.Id, ct);
        return TypedResults.Ok(new ComputedTraitsList(traits.Select(t => Element(t.ToJson())).ToList(), ComputedTraits.Names));
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PutTraitAsync(
        WorkspaceContext w, string? name, HttpRequest request, AudienceSettingsDocuments documents, AuditLog audit, CancellationToken ct)
    {
        string json = await new StreamReader(request.Body).ReadToEndAsync(ct);
        var existing = await documents.LoadComputedTraitsAsync(w.Id, ct);
        var (saved, errors) = await documents.SaveComputedTraitAsync(w.Id, json, name, ct);
        if (saved is not null)
        {
            var before = existing.FirstOrDefault(t => t.Name == saved.Name);
            await audit.RecordAsync(request.HttpContext, "computed-trait.saved", saved.Name, before?.ToJson(), saved.ToJson());
        }

        return saved is null
            ? Problems.BadRequest($"The computed trait has {errors.Count} problem(s); nothing was saved. See docs/segments.md for the format.", errors)
            : TypedResults.Ok(Element(saved.ToJson()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTraitAsync(
        WorkspaceContext w, string name, HttpContext http, AudienceSettingsDocuments documents, AuditLog audit, CancellationToken ct)
    {
        var before = (await documents.LoadComputedTraitsAsync(w.Id, ct)).FirstOrDefault(t => t.Name == name);
        var (found, usedBy) = await documents.DeleteComputedTraitAsync(w.Id, name, ct);
        if (found && usedBy.Count == 0)
        {
            await audit.RecordAsync(http, "computed-trait.deleted", name, before?.ToJson(), null);
        }

        if (!found)
        {
            return Problems.NotFound($"There is no computed trait '{name}' in this workspace.");
        }

        return usedBy.Count > 0 ? Problems.Conflict($"Computed trait '{name}' is used by {string.Join(", ", usedBy)}; change those first.") : TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutLifecycleAsync(
        WorkspaceContext w, HttpRequest request, AudienceSettingsDocuments documents, AuditLog audit, CancellationToken ct)
    {
        string json = await new StreamReader(request.Body).ReadToEndAsync(ct);
        string before = (await documents.LoadAsync(w.Id, ct)).Lifecycle.ToJson();
        var errors = await documents.SaveLifecycleRulesAsync(w.Id, json, ct);
        if (errors.Count == 0)
        {
            await audit.RecordAsync(request.HttpContext, "lifecycle-rules.saved", "lifecycle-rules", before, (await documents.LoadAsync(w.Id, ct)).Lifecycle.ToJson());
        }

        return errors.Count > 0
            ? Problems.BadRequest($"The lifecycle rules have {errors.Count} problem(s); nothing was changed. GET this URL for the current rules to start from.", errors)
            : Raw((await documents.LoadAsync(w.Id, ct)).Lifecycle.ToJson());
    }

    private static async Task<Results<Ok<RfmDocument>, ProblemHttpResult>> PutRfmAsync(
        WorkspaceContext w, HttpRequest request, AudienceSettingsDocuments documents, AuditLog audit, CancellationToken ct)
    {
        RfmDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<RfmDocument>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The body is not an RFM breakpoints document: {ex.Message}");
        }

        if (document is null)
        {
            return Problems.BadRequest("Send {\"recencyDays\":[…4],\"frequency\":[…4],\"monetary\":[…4]}; GET this URL for the current one.");
        }

        var before = AudienceSettingsDocuments.ToDocument((await documents.LoadAsync(w.Id, ct)).Rfm);
        var errors = await documents.SaveRfmAsync(w.Id, document, ct);
        if (errors.Count == 0)
        {
            await audit.RecordAsync(request.HttpContext, "rfm-breakpoints.saved", "rfm-breakpoints", before, document);
        }

        return errors.Count > 0 ? Problems.BadRequest("The RFM breakpoints are not valid; nothing was changed.", errors) : TypedResults.Ok(document);
    }

    private static async Task<Ok<LifecycleDistribution>> LifecycleAsync(WorkspaceContext w, IAudienceStore audiences, CancellationToken ct)
    {
        var (stages, _) = await audiences.DistributionAsync(w.Id, ct);
        return TypedResults.Ok(new LifecycleDistribution(LifecycleStages.Names.Select((name, i) => new StageCount(name, stages.GetValueOrDefault((LifecycleStage)i))).ToList()));
    }

    private static ContentHttpResult Raw(string json) => TypedResults.Content(json, "application/json");

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>The workspace's computed trait definitions and the built-in trait names.</summary>
public sealed record ComputedTraitsList(IReadOnlyList<JsonElement> Defined, IReadOnlyList<string> BuiltIn);

/// <summary>Profiles per lifecycle stage, in funnel order.</summary>
public sealed record LifecycleDistribution(IReadOnlyList<StageCount> Stages);

public sealed record StageCount(string Stage, long Profiles);
