using Omnia.Core.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Server.Admin;
using Omnia.Server.Processing;

namespace Omnia.Server.Profiles;

/// <summary>The single customer view: look up, search and read profiles and their cross-channel timelines.</summary>
public static class ProfilesApi
{
    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/profiles").WithTags("Profiles").RequireWorkspaceAccess();
        group.MapGet("/lookup", LookupAsync).RequireRole(Role.Viewer).WithSummary("Find the profile that has an identifier (type=userId|anonymousId|email|phone|deviceId|<external>)");
        group.MapGet("/", ListAsync).RequireRole(Role.Viewer).WithSummary(
            "List profiles: filter by text (identifier prefix or trait value), segment, persona, stage, trait (and value), channel or acquisition channel; sort; page; with the true count");
        group.MapGet("/export.csv", ExportAsync).RequireRole(Role.Viewer).WithSummary("Every profile of a list (the same filters) as CSV, streamed; columns=id,name,email,…,trait:NAME");
        group.MapGet("/{id}", GetAsync).RequireRole(Role.Viewer).WithSummary("One profile");
        group.MapGet("/{id}/messages", MessagesAsync).RequireRole(Role.Viewer)
            .WithSummary("A profile's message log, newest first: each message journeys sent or tried to send, with its status (pending, sending, sent, suppressed, failed) and why");
        group.MapGet("/{id}/timeline", TimelineAsync).RequireRole(Role.Viewer).WithSummary("A profile's events across channels, newest first");
        return app;
    }

    private static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> LookupAsync(
        WorkspaceContext w, string? type, string? value, IProfileStore profiles, ProfileViews views, WorkspaceRules rules, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(value))
        {
            return Problems.BadRequest("Give both 'type' (userId, anonymousId, email, phone, deviceId or an external id type) and 'value'.");
        }

        var identity = rules.For(w.Id).Identity;
        string storageType = IdentifierTypeNames.FromApi(type);
        string? normalized = IdentifierNormalizer.Normalize(storageType, value, identity.DefaultPhoneRegion);
        if (normalized is null)
        {
            return Problems.BadRequest($"'{value}' is not a usable {type}.");
        }

        long? id = await profiles.FindAsync(w.Id, new Identifier(storageType, normalized), ct);
        if (id is null && !KnownIdentifierTypes.Contains(identity, storageType))
        {
            // Events may bring any type in context.externalIds, so an unknown type that matches nobody is most likely a typo.
            return Problems.BadRequest(KnownIdentifierTypes.UnknownTypeMessage(type, identity), title: "Unknown identifier type");
        }

        if (id is null)
        {
            return Problems.NotFound($"No profile has {type} '{value}'.");
        }

        var view = await views.ViewAsync(w, id.Value, ct);
        return view is null ? Problems.NotFound($"No profile has {type} '{value}'.") : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> GetAsync(WorkspaceContext w, string id, ProfileViews views, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(id, out long profileId))
        {
            return Problems.BadRequest($"'{id}' is not a profile id (they look like prf_123).");
        }

        var view = await views.ViewAsync(w, profileId, ct);
        return view is null ? Problems.NotFound($"There is no profile {id}.") : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<ProfileList>, ProblemHttpResult>> ListAsync(
        WorkspaceContext w, [AsParameters] ProfileListParameters p, ProfileLists lists, CancellationToken ct)
    {
        var (query, error) = await lists.ParseAsync(w.Id, p.Request, ct);
        if (query is null)
        {
            return Problems.BadRequest(error!);
        }

        if (p.Offset is < 0)
        {
            return Problems.BadRequest("'offset' cannot be negative.");
        }

        return TypedResults.Ok(await lists.PageAsync(w.Id, query, p.Offset ?? 0, Math.Clamp(p.Limit ?? 50, 1, 500), ct));
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, WorkspaceContext w, [AsParameters] ProfileListParameters p, string? columns, ProfileLists lists, CancellationToken ct)
    {
        var (query, error) = await lists.ParseAsync(w.Id, p.Request, ct);
        if (query is null)
        {
            return Problems.BadRequest(error!);
        }

        var chosen = string.IsNullOrWhiteSpace(columns)
            ? ProfileLists.DefaultColumns
            : columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ProfileLists.CheckColumns(chosen) is { } bad)
        {
            return Problems.BadRequest(bad);
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"profiles-{w.Workspace.Slug}.csv\"";
        await lists.WriteCsvAsync(w.Id, query, chosen, http.Response.Body, ct: ct);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<TimelinePage>, ProblemHttpResult>> TimelineAsync(
        WorkspaceContext w, string id, int? limit, long? before, IProfileStore profiles, WorkspaceRules rules, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(id, out long profileId))
        {
            return Problems.BadRequest($"'{id}' is not a profile id (they look like prf_123).");
        }

        if (await profiles.GetAsync(w.Id, profileId, ct) is null)
        {
            return Problems.NotFound($"There is no profile {id}.");
        }

        int take = Math.Clamp(limit ?? 50, 1, 500);
        var events = await profiles.TimelineAsync(profileId, take, before, ct);
        var channelRules = rules.For(w.Id).Channels;
        var entries = events.Select(e => TimelineEntry.From(e, channelRules)).ToList();
        return TypedResults.Ok(new TimelinePage(entries, entries.Count == take ? entries[^1].Seq : null));
    }

    private static async Task<Results<Ok<IReadOnlyList<Messaging.MessageLogEntry>>, ProblemHttpResult>> MessagesAsync(
        WorkspaceContext w, string id, int? limit, IProfileStore profiles, Messaging.ProfileMessages messages, CancellationToken ct)
    {
        if (!ProfileIds.TryParse(id, out long profileId))
            return Problems.BadRequest($"'{id}' is not a profile id (they look like prf_123).");
        if (limit is < 1 or > Messaging.ProfileMessages.MaxEntries)
            return Problems.BadRequest($"'limit' must be between 1 and {Messaging.ProfileMessages.MaxEntries}.");
        if (await profiles.GetAsync(w.Id, profileId, ct) is null)
            return Problems.NotFound($"There is no profile {id}.");
        return TypedResults.Ok(await messages.ListAsync(w.Id, profileId, limit ?? 50, ct));
    }
}

/// <summary>A page of timeline entries; pass <see cref="Next"/> as <c>before</c> for the next page.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Events, long? Next);

/// <summary>A profile in lists and search results.</summary>
public sealed record ProfileSummary(string Id, string? Name, string? Email, long EventCount, DateTimeOffset? LastSeen, int OrderCount, decimal Revenue)
{
    /// <summary>The profile's user id, when the list knows its identifiers.</summary>
    public string? UserId { get; init; }

    /// <summary>Its lifecycle stage, when the list knows its audiences.</summary>
    public string? LifecycleStage { get; init; }

    /// <summary>What to call the person: a name, else the email, else the user id.</summary>
    public string Title => Name ?? Email ?? UserId ?? "Anonymous visitor";

    /// <summary>With the user id from the profile's identifiers.</summary>
    public static ProfileSummary From(ProfileState s, IReadOnlyList<Identifier> identifiers) =>
        From(s) with { UserId = identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.UserId).Value };

    public static ProfileSummary From(ProfileState s) => new(
        ProfileIds.Format(s.Id),
        DisplayName(s),
        Text(s, "email"),
        s.EventCount,
        s.EventCount == 0 ? null : s.LastSeen,
        s.OrderCount,
        s.Revenue);

    private static string? DisplayName(ProfileState s)
    {
        string? name = Text(s, "name");
        if (name is not null)
        {
            return name;
        }

        string full = $"{Text(s, "first_name") ?? Text(s, "firstName")} {Text(s, "last_name") ?? Text(s, "lastName")}".Trim();
        return full.Length == 0 ? null : full;
    }

    private static string? Text(ProfileState s, string trait) =>
        s.Traits.TryGetValue(trait, out var value) ? value.Value.String : null;
}

/// <summary>The query parameters of a profile list.</summary>
public sealed record ProfileListParameters(
    string? Q, string? Segment, string? Persona, string? Stage, string? Trait, string? Value, string? Channel, string? Acquisition,
    string? Sort, string? Dir, int? Offset, int? Limit)
{
    public ProfileListRequest Request => new(Q, Segment, Persona, Stage, Trait, Value, Channel, Acquisition, Sort, Dir);
}
