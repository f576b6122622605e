using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Identity;
using Omnia.Core.Touchpoints;
using Omnia.Core.Workspaces;
using Omnia.Server.Audit;
using Omnia.Server.Processing;

namespace Omnia.Server.Admin;

/// <summary>
/// Per-workspace rules as data: channel classification and identity resolution. Changes apply to
/// events processed from then on.
/// </summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/settings").WithTags("Settings").RequireWorkspaceAccess();
        group.MapGet("/channel-rules", (WorkspaceContext w, WorkspaceRules rules) => TypedResults.Ok(rules.For(w.Id).Channels))
            .RequireRole(Role.Viewer).WithSummary("Channel classification rules");
        group.MapPut("/channel-rules", (WorkspaceContext w, HttpRequest request, WorkspaceRules rules, AuditLog audit, CancellationToken ct) =>
                PutAsync<ChannelRules>(w, request, rules, WorkspaceRules.ChannelSetting, r => r.Validate(), rules.For(w.Id).Channels, audit, ct))
            .RequireRole(Role.Owner).WithSummary("Replace the channel classification rules");
        group.MapGet("/identity-rules", (WorkspaceContext w, WorkspaceRules rules) => TypedResults.Ok(rules.For(w.Id).Identity))
            .RequireRole(Role.Viewer).WithSummary("Identity resolution rules");
        group.MapPut("/identity-rules", (WorkspaceContext w, HttpRequest request, WorkspaceRules rules, AuditLog audit, CancellationToken ct) =>
                PutAsync<IdentityRules>(w, request, rules, WorkspaceRules.IdentitySetting, r => r.Validate(), rules.For(w.Id).Identity, audit, ct))
            .RequireRole(Role.Owner).WithSummary("Replace the identity resolution rules");
        return app;
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> PutAsync<T>(
        WorkspaceContext w, HttpRequest request, WorkspaceRules rules, string setting,
        Func<T, IReadOnlyList<string>> validate, object before, AuditLog audit, CancellationToken ct) where T : class
    {
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, WorkspaceRules.Json, ct);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The body is not a valid {setting} document: {ex.Message}");
        }

        if (value is null)
        {
            return Problems.BadRequest($"Send a {setting} document as JSON; GET this URL for the current one to start from.");
        }

        var errors = validate(value);
        if (errors.Count > 0)
        {
            return Problems.BadRequest($"The {setting} document has {errors.Count} problem(s); nothing was changed.", errors);
        }

        await rules.SaveAsync(w.Id, setting, value, ct);
        await audit.RecordAsync(request.HttpContext, $"settings.{setting}.saved", setting, before, value);
        return TypedResults.Ok(value);
    }
}
