using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Content;
using Omnia.Core.Identity;
using Omnia.Core.Messaging;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Ingestion;

namespace Omnia.Server.Messaging;

/// <summary>
/// What a site or app reads to show a person their messages, authenticated like ingestion with the source's write key
/// (HTTP Basic, or <c>?writeKey=</c>) and open to the source's allowed browser origins (CORS as for <c>/v1/batch</c>):
/// <list type="bullet">
/// <item><c>GET /v1/in-app?userId=…|anonymousId=…</c>: the person's in-app messages on offer, newest first;</item>
/// <item><c>POST /v1/in-app/{id}/viewed|clicked|dismissed</c>: viewed and clicked are recorded as
/// <c>In-App Message Opened</c> / <c>In-App Message Clicked</c> events (touchpoints of the message's campaign);
/// clicked and dismissed messages are no longer offered;</item>
/// <item><c>GET /v1/slots/{slot}?userId=…|anonymousId=…</c>: a web personalisation slot — the newest content item with
/// a <c>web</c> variant for that slot, rendered for the person (204 when no content fills it).</item>
/// </list>
/// </summary>
public static class InAppApi
{
    public static IEndpointRouteBuilder MapInAppApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("In-app messages and web slots").DisableAntiforgery();
        group.MapGet("/in-app", ListAsync).WithSummary("A person's in-app messages on offer (write key; ?userId= or ?anonymousId=)");
        group.MapPost("/in-app/{id}/{action}", ActAsync).WithSummary("Report an in-app message viewed, clicked or dismissed (write key)");
        group.MapGet("/slots/{slot}", SlotAsync).WithSummary("A web personalisation slot's content rendered for a person (write key; ?userId= or ?anonymousId=); 204 when nothing fills it");
        return app;
    }

    /// <summary>An in-app message as the site or app receives it.</summary>
    public sealed record InAppMessageView(string Id, string? Title, string? Body, string? Button, string? Link, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, bool Viewed);

    /// <summary>A slot's content for a person.</summary>
    public sealed record SlotView(string Slot, string Content, string Html);

    private static async Task<Results<Ok<IReadOnlyList<InAppMessageView>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string? userId, string? anonymousId, WriteKeys keys, IProfileStore profiles, IInboxStore inbox, TimeProvider clock, CancellationToken ct)
    {
        var (source, problem) = await AuthenticateAsync(http, keys, ct);
        if (problem is not null)
            return problem;
        var (profileId, missing) = await PersonAsync(source!, userId, anonymousId, profiles, ct);
        if (missing is not null)
            return missing;
        IReadOnlyList<InboxMessage> offered = profileId is { } id ? await inbox.OfferedAsync(source!.WorkspaceId, id, clock.GetUtcNow(), 20, ct) : [];
        return TypedResults.Ok<IReadOnlyList<InAppMessageView>>(offered.Select(m =>
            new InAppMessageView(m.Key, m.Title, m.Body, m.Button, m.Link, m.SentAt, m.ExpiresAt, m.State == InboxState.Viewed)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ActAsync(
        HttpContext http, string id, string action, WriteKeys keys, IInboxStore inbox, MessageEventLog events, TimeProvider clock, CancellationToken ct)
    {
        var (source, problem) = await AuthenticateAsync(http, keys, ct);
        if (problem is not null)
            return problem;
        InboxState? state = action switch { "viewed" => InboxState.Viewed, "clicked" => InboxState.Clicked, "dismissed" => InboxState.Dismissed, _ => null };
        if (state is null)
            return Problems.BadRequest($"The action must be viewed, clicked or dismissed; '{action}' is none of them.");
        if (id.Length > 200 || await inbox.GetAsync(source!.WorkspaceId, id, ct) is not { } message)
            return Problems.NotFound($"There is no in-app message '{(id.Length > 200 ? id[..200] : id)}' for this source's workspace; use the ids GET /v1/in-app returns.");
        await inbox.SetStateAsync(message.Key, state.Value, ct);
        var status = state switch { InboxState.Viewed => MessageStatus.Opened, InboxState.Clicked => MessageStatus.Clicked, _ => (MessageStatus?)null };
        if (status is { } s && MessageEvents.For(s, new MessageIdentity(message.Key, message.WorkspaceId, message.ProfileId, Core.Touchpoints.Channels.InApp, message.Campaign),
                clock.GetUtcNow(), new MessageEventDetails { LinkUrl = s == MessageStatus.Clicked ? message.Link : null }) is { } recorded)
            await events.RecordAsync(message.WorkspaceId, message.ProfileId, recorded, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SlotView>, NoContent, ProblemHttpResult>> SlotAsync(
        HttpContext http, string slot, string? userId, string? anonymousId, WriteKeys keys, IProfileStore profiles, IContentStore contents, TimeProvider clock, CancellationToken ct)
    {
        var (source, problem) = await AuthenticateAsync(http, keys, ct);
        if (problem is not null)
            return problem;
        if (slot.Length is 0 or > 100)
            return Problems.BadRequest("A slot name is 1 to 100 characters, as written in the content's web variant.");
        var (profileId, missing) = await PersonAsync(source!, userId, anonymousId, profiles, ct);
        if (missing is not null)
            return missing;
        var candidates = new List<(DateTimeOffset Updated, string Slug, ContentItem Item)>();
        foreach (var stored in await contents.ListContentAsync(source!.WorkspaceId, ct))
        {
            if (ContentItem.Parse(stored.Json).Content is { Web: { } web } item && string.Equals(web.Slot, slot, StringComparison.Ordinal))
                candidates.Add((stored.UpdatedAt, stored.Slug, item));
        }

        if (candidates.Count == 0)
            return TypedResults.NoContent();
        var (_, slug, chosen) = candidates.MaxBy(c => c.Updated);
        var now = clock.GetUtcNow();
        var facts = profileId is { } id ? (await profiles.FactsAsync([id], null, ct)).GetValueOrDefault(id) : null;
        var model = facts is null ? new RenderModel { Now = now } : RenderModel.ForProfile(facts, now);
        var rendered = CompiledContent.Compile(chosen).Render(ContentChannels.Web, model);
        return TypedResults.Ok(new SlotView(slot, slug, rendered.Html ?? ""));
    }

    private static async Task<(Source? Source, ProblemHttpResult? Problem)> AuthenticateAsync(HttpContext http, WriteKeys keys, CancellationToken ct)
    {
        string? writeKey = WriteKeys.FromAuthorizationHeader(http.Request.Headers.Authorization) ?? http.Request.Query["writeKey"].FirstOrDefault();
        if (string.IsNullOrEmpty(writeKey) || writeKey.Length > 200)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Omnia\"";
            return (null, Problems.Unauthorized("Send the source's write key as the HTTP Basic user name (Authorization: Basic base64(writeKey:)) or as ?writeKey=."));
        }

        if (await keys.FindAsync(writeKey, ct) is not { } source)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Omnia\"";
            return (null, Problems.Unauthorized("The write key is not known. Copy it from the source's page in the dashboard or the sources API."));
        }

        string? origin = http.Request.Headers.Origin;
        return WebOrigins.Allows(source, origin)
            ? (source, null)
            : (null, Problems.Forbidden($"The source '{source.Name}' answers browsers only from its allowed origins, and {origin} is not one; add it to the source's allowedOrigins."));
    }

    /// <summary>The profile of the user id or anonymous id given; null (no profile yet) is not an error: such a person has no messages.</summary>
    private static async Task<(long? ProfileId, ProblemHttpResult? Problem)> PersonAsync(Source source, string? userId, string? anonymousId, IProfileStore profiles, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId) == string.IsNullOrEmpty(anonymousId))
            return (null, Problems.BadRequest("Name the person with exactly one of ?userId= or ?anonymousId= (as the SDK sends them)."));
        var value = userId ?? anonymousId!;
        if (value.Length > 500)
            return (null, Problems.BadRequest("A user id or anonymous id is at most 500 characters."));
        return (await profiles.FindAsync(source.WorkspaceId, new Identifier(userId is not null ? IdentifierTypes.UserId : IdentifierTypes.AnonymousId, value), ct), null);
    }
}
