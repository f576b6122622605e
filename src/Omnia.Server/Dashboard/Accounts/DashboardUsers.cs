using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Security;

namespace Omnia.Server.Dashboard.Accounts;

/// <summary>
/// The dashboard's sign-in: the (encrypted) cookie carries a random session token, and the session itself lives in
/// the store. Every request looks the session up and re-reads the user, so signing out, a password or role change,
/// and deactivation end a session on its next request, also one whose cookie was copied, and also after a restart.
/// </summary>
public static class DashboardUsers
{
    public const string Scheme = "omnia-dashboard";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "omnia.session";

    private const string SessionClaim = "omnia:session";
    private const string UserItemKey = "omnia.user";
    private const string SessionItemKey = "omnia.session-hash";

    /// <summary>Sessions are touched (expiry moved on) at most this often, to keep writes down.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromDays(30); // the server-side session decides; see SecurityOptions.SessionIdle
        options.SlidingExpiration = true;
        options.LoginPath = "/signin";
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = "/signin";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>Starts a server-side session for the user and issues its cookie.</summary>
    public static async Task SignInAsync(HttpContext http, User user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var idle = services.GetRequiredService<OmniaServerOptions>().Security.SessionIdle;
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string client = $"{http.Connection.RemoteIpAddress} {http.Request.Headers.UserAgent}".Trim();
        await services.GetRequiredService<IUserStore>().CreateSessionAsync(
            new UserSession(SecretKeys.Hash(token), user.Id, now, now, now + idle, client.Length > 200 ? client[..200] : client), http.RequestAborted);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(SessionClaim, token),
            ],
            Scheme));
        await http.SignInAsync(Scheme, principal);
    }

    /// <summary>Ends this request's session in the store and clears its cookie.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        await AuthenticateAsync(http);
        if (SessionHash(http) is { } hash)
        {
            await http.RequestServices.GetRequiredService<IUserStore>().EndSessionAsync(hash, http.RequestAborted);
        }

        await http.SignOutAsync(Scheme);
    }

    /// <summary>The signed-in user of this request (read from the cookie and the store once per request), or null.</summary>
    public static async ValueTask<User?> AuthenticateAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(UserItemKey, out var cached))
        {
            return cached as User;
        }

        var result = await http.AuthenticateAsync(Scheme).ConfigureAwait(false);
        return result.Succeeded ? http.Items[UserItemKey] as User : null;
    }

    /// <summary>The hash of this request's session token (after <see cref="AuthenticateAsync"/>), to keep it when ending the user's other sessions.</summary>
    public static string? SessionHash(HttpContext http) => http?.Items[SessionItemKey] as string;

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<IUserStore>();
        string? token = context.Principal?.FindFirstValue(SessionClaim);
        var session = token is null ? null : await store.FindSessionAsync(SecretKeys.Hash(token), http.RequestAborted);
        var user = session is null ? null : await store.GetAsync(session.UserId, http.RequestAborted);
        if (session is null || user is null || !user.Active
            || user.Id.ToString(CultureInfo.InvariantCulture) != context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            if (session is not null)
            {
                await store.EndSessionAsync(session.TokenHash, http.RequestAborted);
            }

            http.Items[UserItemKey] = null;
            context.RejectPrincipal();
            await http.SignOutAsync(Scheme);
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (now - session.LastSeenAt >= TouchEvery)
        {
            var idle = http.RequestServices.GetRequiredService<OmniaServerOptions>().Security.SessionIdle;
            await store.TouchSessionAsync(session.TokenHash, now, now + idle, http.RequestAborted);
        }

        http.Items[UserItemKey] = user;
        http.Items[SessionItemKey] = session.TokenHash;
    }
}
