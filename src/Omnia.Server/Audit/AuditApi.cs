using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Audit;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;

namespace Omnia.Server.Audit;

/// <summary>
/// The audit log for owners: read it a page at a time, export it whole as CSV or JSON, and check its hash chain.
/// There is no route that changes or removes an entry. A workspace's log holds its own entries, plus the
/// installation-wide ones (workspaces, keys of every workspace) for callers who see every workspace.
/// </summary>
public static class AuditApi
{
    public const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/audit").WithTags("Audit log").RequireWorkspaceAccess();
        group.MapGet("/", ListAsync).RequireRole(Role.Owner)
            .WithSummary("Audit entries, oldest first after ?after=, or newest first before ?before=; ?action= filters by prefix (e.g. segment.)");
        group.MapGet("/export", ExportAsync).RequireRole(Role.Owner).WithSummary("The whole audit log of the workspace as ?format=csv or json");
        group.MapGet("/verify", async (IAuditStore store, CancellationToken ct) => TypedResults.Ok(await store.VerifyAsync(ct)))
            .RequireRole(Role.Owner).WithSummary("Re-computes the hash chain over every entry; intact is false when an entry was altered outside Omnia");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        WorkspaceContext w, long? after, long? before, int? limit, string? action, IAuditStore store, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage)
        {
            return Problems.BadRequest($"'limit' must be between 1 and {MaxPage}.");
        }

        var entries = await store.ListAsync(Query(w, after, before, limit ?? 100, action), ct);
        return TypedResults.Ok(new AuditPage(entries.Select(e => AuditView.From(e, w)).ToList(), entries.Count > 0 ? entries[^1].Seq : null));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        WorkspaceContext w, string? format, IAuditStore store, TimeProvider clock, CancellationToken ct)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "json"))
        {
            return Problems.BadRequest("'format' must be csv or json.");
        }

        var all = new List<AuditView>();
        long after = 0;
        while (true)
        {
            var page = await store.ListAsync(Query(w, after, null, MaxPage, null), ct);
            all.AddRange(page.Select(e => AuditView.From(e, w)));
            if (page.Count < MaxPage)
            {
                break;
            }

            after = page[^1].Seq;
        }

        string stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return format == "json"
            ? TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(all, JsonSerializerOptions.Web), "application/json", $"omnia-audit-{w.Workspace.Slug}-{stamp}.json")
            : TypedResults.File(Encoding.UTF8.GetBytes(Csv(all)), "text/csv", $"omnia-audit-{w.Workspace.Slug}-{stamp}.csv");
    }

    private static AuditQuery Query(WorkspaceContext w, long? after, long? before, int limit, string? action) =>
        new(w.Id, w.Caller.SeesAllWorkspaces, after ?? 0, before, limit, string.IsNullOrWhiteSpace(action) ? null : action.Trim());

    /// <summary>RFC 4180 CSV, one row per entry; a field that starts like a formula is prefixed with ' so a spreadsheet shows it as text.</summary>
    public static string Csv(IEnumerable<AuditView> entries)
    {
        var csv = new StringBuilder("seq,at,workspace,actor,client,action,target,before,after,hash\r\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', new[] { e.Seq.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.Workspace ?? "", e.Actor, e.Client ?? "", e.Action, e.Target,
                e.Before?.GetRawText() ?? "", e.After?.GetRawText() ?? "", e.Hash }.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>A page of audit entries; pass <see cref="Next"/> as <c>after</c> (oldest first) or <c>before</c> (newest first) for the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Entries, long? Next);

/// <summary>An audit entry as the API shows it: the workspace by slug (null: installation-wide), before and after as JSON.</summary>
public sealed record AuditView(long Seq, DateTimeOffset At, string? Workspace, string Actor, string? Client, string Action, string Target, JsonElement? Before, JsonElement? After, string Hash)
{
    public static AuditView From(AuditEntry e, WorkspaceContext w) => new(
        e.Seq, e.At, e.WorkspaceId is null ? null : e.WorkspaceId == w.Id ? w.Workspace.Slug : $"#{e.WorkspaceId}", e.Actor, e.Client, e.Action, e.Target,
        Parse(e.Before), Parse(e.After), e.Hash);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
