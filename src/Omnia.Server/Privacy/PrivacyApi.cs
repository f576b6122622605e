using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Audiences;
using Omnia.Core.Identity;
using Omnia.Core.Journeys;
using Omnia.Core.Privacy;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audit;
using Omnia.Server.Processing;
using Omnia.Server.Profiles;

namespace Omnia.Server.Privacy;

/// <summary>
/// A person's rights (GDPR articles 15, 17 and 20; CCPA): everything held about them as JSON, erasure by any
/// identifier, the record of erasures (without personal data), and the workspace's retention. Owners only.
/// </summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/privacy").WithTags("Privacy").RequireWorkspaceAccess().RequireRole(Role.Owner);
        group.MapGet("/export", ExportAsync).WithSummary("Everything held about a person (type=email|userId|…&value=…, or profile=prf_…) as JSON: profile, every event, segments, journeys, messages");
        group.MapPost("/erase", EraseAsync).WithSummary("Erase a person for good (body: {type, value} or {profile}): events, identifiers, traits, memberships, messages, in snapshots too");
        group.MapGet("/erasures", async (WorkspaceContext w, IPrivacyStore privacy, CancellationToken ct) =>
            TypedResults.Ok(await privacy.ErasuresAsync(w.Id, 500, ct))).WithSummary("Erasures done, newest first (no personal data)");
        group.MapGet("/retention", async (WorkspaceContext w, IPrivacyStore privacy, CancellationToken ct) =>
            TypedResults.Ok(new RetentionSetting(await privacy.RetentionDaysAsync(w.Id, ct)))).WithSummary("How long events are kept (null: for ever)");
        group.MapPut("/retention", SetRetentionAsync).WithSummary("Keep events for this many days (null: for ever); older ones leave the log within the hour");
        return app;
    }

    private static async Task<Results<Ok<PersonExport>, ProblemHttpResult>> ExportAsync(
        WorkspaceContext w, string? type, string? value, string? profile, PersonFinder finder, PersonExports exports, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var (id, problem) = await finder.FindAsync(w, type, value, profile, ct);
        if (id is null)
        {
            return problem!;
        }

        if (await exports.ExportAsync(w, id.Value, ct) is not { } export)
        {
            return Problems.NotFound($"There is no profile {profile}.");
        }

        await audit.RecordAsync(http, "profile.exported", ProfileIds.Format(id.Value), null, null);
        return TypedResults.Ok(export);
    }

    /// <summary>The audit entry's content for an erasure.</summary>
    public static ErasureAudit AuditOf(ErasureRecord record) => new(record.Profiles, record.Events, record.IdentifiersSuppressed);

    private static async Task<Results<Ok<ErasureRecord>, ProblemHttpResult>> EraseAsync(
        WorkspaceContext w, EraseRequest request, PersonFinder finder, ProcessingService processing, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        var (id, problem) = await finder.FindAsync(w, request.Type, request.Value, request.Profile, ct);
        if (id is null)
        {
            return problem!;
        }

        var record = await processing.EraseAsync(w.Id, id.Value, w.Caller.Name, ct);
        if (record is null)
        {
            return Problems.NotFound("That person was erased or merged away meanwhile.");
        }

        // Counts and the profile id only (never the identifiers in the request): the audit log is append-only.
        await audit.RecordAsync(http, "profile.erased", ProfileIds.Format(id.Value), null, AuditOf(record));
        return TypedResults.Ok(record);
    }

    private static async Task<Results<Ok<RetentionSetting>, ProblemHttpResult>> SetRetentionAsync(
        WorkspaceContext w, RetentionSetting setting, IPrivacyStore privacy, ProcessingService processing, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (setting.Days is < 1 or > 36_500)
        {
            return Problems.BadRequest("'days' must be a whole number from 1 to 36,500, or null to keep events for ever.");
        }

        var before = new RetentionSetting(await privacy.RetentionDaysAsync(w.Id, ct));
        await privacy.SetRetentionDaysAsync(w.Id, setting.Days, ct);
        await audit.RecordAsync(http, "privacy.retention.saved", "retention", before, setting);
        processing.CheckRetentionSoon();
        return TypedResults.Ok(setting);
    }
}

/// <summary>What the audit log keeps of an erasure: counts, no identifiers.</summary>
public sealed record ErasureAudit(int Profiles, long Events, int IdentifiersSuppressed);

/// <summary>Who to erase: an identifier (type and value, as the lookup takes them) or a profile id.</summary>
public sealed record EraseRequest(string? Type, string? Value, string? Profile);

/// <summary>How many days events are kept; null for ever.</summary>
public sealed record RetentionSetting(int? Days);

/// <summary>Builds <see cref="PersonExport"/>s.</summary>
public sealed class PersonExports(IProfileStore profiles, IAudienceStore audiences, ProfileViews views, DerivedState state, IOutboxStore outbox)
{
    /// <summary>Everything held about the person who holds <paramref name="profileId"/>, or null when there is none.</summary>
    public async Task<PersonExport?> ExportAsync(WorkspaceContext w, long profileId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (await views.ViewAsync(w, profileId, ct) is not { } view)
        {
            return null;
        }

        long id = ProfileIds.TryParse(view.Id, out var survivor) ? survivor : profileId;
        var events = await profiles.TimelineAsync(id, int.MaxValue, null, ct);
        var transitions = await audiences.TransitionsAsync(w.Id, 0, 100_000, profileId: id, cancellationToken: ct);
        var messages = await outbox.ListAsync(w.Id, id, null, 100_000, ct);
        return new PersonExport(
            view,
            events.OrderBy(e => e.Seq).Select(e => JsonDocument.Parse(e.Json).RootElement.Clone()).ToList(),
            transitions,
            state.InstancesOf(id),
            messages);
    }
}

/// <summary>Everything Omnia holds about one person.</summary>
public sealed record PersonExport(
    ProfileView Profile, IReadOnlyList<JsonElement> Events, IReadOnlyList<SegmentTransition> SegmentChanges,
    IReadOnlyList<JourneyInstance> Journeys, IReadOnlyList<OutboxItem> Messages);
