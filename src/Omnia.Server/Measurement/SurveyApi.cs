using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Omnia.Core.Funnels;
using Omnia.Core.Identity;
using Omnia.Core.Profiles;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Ingestion;
using Omnia.Server.Profiles;
using static System.Net.WebUtility;

namespace Omnia.Server.Measurement;

/// <summary>
/// The short survey for a funnel's dropouts: a signed link per person (for a journey's email or SMS to carry), a
/// public page at <c>/survey/{token}</c> with the question, and each answer recorded as a <c>Survey Answered</c>
/// event of that person (<c>survey</c>: the funnel's slug, <c>answer</c>), which the funnel report counts.
/// </summary>
public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Measurement").RequireWorkspaceAccess()
            .MapGet("/funnels/{slug}/survey-link", LinkAsync).RequireRole(Role.Marketer).WithSummary("The survey link of one person (?profile=prf_…), for a message to carry");
        app.MapGet("/survey/{token}", PageAsync).ExcludeFromDescription();
        app.MapPost("/survey/{token}", AnswerAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>A survey link.</summary>
    public sealed record SurveyLink(string Url, string Token);

    private static async Task<Results<Ok<SurveyLink>, ProblemHttpResult>> LinkAsync(
        WorkspaceContext w, string slug, string? profile, HttpRequest request, MeasurementSettings settings, SurveyLinks links, IProfileStore profiles, CancellationToken ct)
    {
        if (await settings.FunnelAsync(w.Id, slug, ct) is not { } funnel)
            return Problems.NotFound($"There is no funnel '{slug}' in this workspace.");
        if (funnel.Survey is null)
            return Problems.Conflict($"Funnel '{slug}' has no survey; add one to its definition first.");
        if (!ProfileIds.TryParse(profile, out var profileId) || await profiles.GetAsync(w.Id, profileId, ct) is null)
            return Problems.BadRequest($"profile: '{profile}' is not a profile of this workspace; pass its id, e.g. ?profile=prf_42");
        var token = await links.TokenAsync(w.Id, slug, profileId, ct);
        return TypedResults.Ok(new SurveyLink($"{request.Scheme}://{request.Host}/survey/{token}", token));
    }

    private static async Task<IResult> PageAsync(string token, SurveyLinks links, MeasurementSettings settings, CancellationToken ct)
    {
        if (await FindAsync(token, links, settings, ct) is not { } found)
            return Page(StatusCodes.Status404NotFound, "This survey link is not valid", "<p>The link may be incomplete; open it again from the message you received.</p>");
        var survey = found.Funnel.Survey!;
        var form = new StringBuilder("<form method=\"post\"><fieldset><legend>").Append(HtmlEncode(survey.Question)).Append("</legend>");
        for (var i = 0; i < survey.Choices.Count; i++)
        {
            form.Append("<label><input type=\"radio\" name=\"answer\" required value=\"").Append(HtmlEncode(survey.Choices[i])).Append("\"> ")
                .Append(HtmlEncode(survey.Choices[i])).Append("</label>");
        }

        form.Append("</fieldset><button type=\"submit\">Send my answer</button></form>");
        return Page(StatusCodes.Status200OK, survey.Question, form.ToString());
    }

    private static async Task<IResult> AnswerAsync(
        string token, HttpRequest request, SurveyLinks links, MeasurementSettings settings, IProfileStore profiles, IWorkspaceStore workspaces, EventWriter writer, CancellationToken ct)
    {
        if (await FindAsync(token, links, settings, ct) is not { } found)
            return Page(StatusCodes.Status404NotFound, "This survey link is not valid", "<p>The link may be incomplete; open it again from the message you received.</p>");
        var survey = found.Funnel.Survey!;
        var answer = request.HasFormContentType ? (await request.ReadFormAsync(ct))["answer"].FirstOrDefault() : null;
        if (answer is null || !survey.Choices.Contains(answer, StringComparer.Ordinal))
            return Page(StatusCodes.Status400BadRequest, "Please pick an answer", $"<p>Choose one of the answers, then send it. <a href=\"/survey/{HtmlEncode(token)}\">Back to the question</a></p>");
        var identifiers = await profiles.IdentifiersAsync(found.ProfileId, ct);
        var userId = identifiers.Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value).FirstOrDefault();
        var anonymousId = identifiers.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value).FirstOrDefault();
        if (userId is null && anonymousId is null)
            return Page(StatusCodes.Status410Gone, "This survey has closed", "<p>We can no longer record answers for this link.</p>");
        var source = await SourceAsync(workspaces, found.WorkspaceId, ct);
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "track",
            ["event"] = FunnelSurvey.AnswerEvent,
            [userId is null ? "anonymousId" : "userId"] = userId ?? anonymousId,
            ["messageId"] = $"survey-{found.Funnel.Slug}-{found.ProfileId}-{Guid.NewGuid():N}",
            ["properties"] = new Dictionary<string, object?> { [FunnelSurvey.SurveyProperty] = found.Funnel.Slug, [FunnelSurvey.AnswerProperty] = answer },
        });
        var (_, rejected) = await writer.WriteAsync(found.WorkspaceId, source, [json], ct);
        if (rejected.Count > 0)
            return Page(StatusCodes.Status500InternalServerError, "Your answer could not be recorded", "<p>Please try again later.</p>");
        return Page(StatusCodes.Status200OK, "Thank you", "<p>Your answer helps us do better.</p>");
    }

    private static async Task<(int WorkspaceId, FunnelDefinition Funnel, long ProfileId)?> FindAsync(string token, SurveyLinks links, MeasurementSettings settings, CancellationToken ct)
    {
        if (await links.ReadAsync(token, ct) is not { } read || await settings.FunnelAsync(read.WorkspaceId, read.Slug, ct) is not { Survey: not null } funnel)
            return null;
        return (read.WorkspaceId, funnel, read.ProfileId);
    }

    /// <summary>The workspace's "Surveys" source, created the first time an answer comes in.</summary>
    private static async Task<int> SourceAsync(IWorkspaceStore workspaces, int workspaceId, CancellationToken ct)
    {
        var existing = (await workspaces.ListSourcesAsync(workspaceId, ct)).FirstOrDefault(s => s.Kind == "surveys");
        return existing?.Id ?? (await workspaces.CreateSourceAsync(workspaceId, "Surveys", "surveys", SecretKeys.Hash(SecretKeys.NewWriteKey()), "surveys", ct)).Id;
    }

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{HtmlEncode(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}fieldset{border:0;padding:0}"
        + "legend{font-size:1.3rem;font-weight:600;margin-bottom:1rem}label{display:block;padding:.5rem 0}button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}</style>"
        + $"</head><body><main><h1>{HtmlEncode(title)}</h1>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);
}
