using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Omnia.Core.Messaging;

namespace Omnia.Server.Messaging;

/// <summary>
/// The public routes a message's links point to (DESIGN.md): <c>/t/o/{token}</c> the open pixel, <c>/t/c/{token}</c>
/// the click redirect (only to the link signed into the token: no open redirect), <c>/u/{token}</c> the unsubscribe
/// page (GET) and RFC 8058 one-click unsubscribe (POST <c>List-Unsubscribe=One-Click</c>). Anonymous on purpose: the
/// signed token is the authority. Each records its message event (<c>Email Opened</c>, <c>Email Link Clicked</c>,
/// <c>Unsubscribed</c>, which withdraws the channel's consent) in the event log. A bad token gets a 4xx problem.
/// </summary>
public static class TrackingApi
{
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t/o/{token}", OpenAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/t/c/{token}", ClickAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/u/{token}", UnsubscribePage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/u/{token}", UnsubscribeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> OpenAsync(string token, MessagingOptions options, MessageEventLog events, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var check = options.Tokens.Verify(token, TokenPurpose.Open, now);
        if (!check.IsValid)
            return Refused(check);
        await RecordAsync(events, MessageStatus.Opened, check.Message!, now, null, ct);
        return Results.File(Pixel, "image/gif");
    }

    private static async Task<IResult> ClickAsync(string token, HttpContext http, MessagingOptions options, MessageEventLog events, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var check = options.Tokens.Verify(token, TokenPurpose.Click, now);
        if (!check.IsValid || check.TargetUrl is null)
            return Refused(check);
        await RecordAsync(events, MessageStatus.Clicked, check.Message!, now, check.TargetUrl, ct);
        http.Items[Security.LocalRedirects.SignedExternal] = true;
        return Results.Redirect(check.TargetUrl);
    }

    private static IResult UnsubscribePage(string token, MessagingOptions options, TimeProvider clock)
    {
        var check = options.Tokens.Verify(token, TokenPurpose.Unsubscribe, clock.GetUtcNow());
        if (!check.IsValid)
            return Refused(check);
        return Page(StatusCodes.Status200OK, "Unsubscribe",
            $"<p>Stop receiving {Word(check.Message!.Channel)} from us?</p><form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, MessagingOptions options, MessageEventLog events, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var check = options.Tokens.Verify(token, TokenPurpose.Unsubscribe, now);
        if (!check.IsValid)
            return Refused(check);
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        if (form is null || form["List-Unsubscribe"] != "One-Click")
            return Omnia.Server.Problems.BadRequest("Send List-Unsubscribe=One-Click as application/x-www-form-urlencoded (RFC 8058), or use the button on this page.");
        await RecordAsync(events, MessageStatus.Unsubscribed, check.Message!, now, null, ct);
        return Page(StatusCodes.Status200OK, "You are unsubscribed", $"<p>You will receive no more {Word(check.Message!.Channel)} from us.</p>");
    }

    private static async Task RecordAsync(MessageEventLog events, MessageStatus status, MessageIdentity message, DateTimeOffset at, string? link, CancellationToken ct)
    {
        if (MessageEvents.For(status, message, at, new MessageEventDetails { LinkUrl = link }) is { } e)
            await events.RecordAsync(message.WorkspaceId, message.ProfileId, e, ct);
    }

    private static IResult Refused(TokenCheck check) => check.Status switch
    {
        TokenStatus.Expired => Omnia.Server.Problems.Create(StatusCodes.Status410Gone, "This link has expired", "The link is older than it may be; it no longer works."),
        _ => Omnia.Server.Problems.NotFound(check.Status switch
        {
            TokenStatus.BadSignature => "This link was not made by this Omnia server (its signature does not match); open it again from the message you received.",
            TokenStatus.WrongPurpose => "This link is meant for something else; open it again from the message you received.",
            _ => "This link is incomplete or damaged; open it again from the message you received.",
        }),
    };

    private static string Word(string channel) => channel == Omnia.Core.Touchpoints.Channels.Email ? "emails" : "messages";

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{WebUtility.HtmlEncode(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}button{padding:.6rem 1.2rem;font-size:1rem}</style>"
        + $"</head><body><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);
}
