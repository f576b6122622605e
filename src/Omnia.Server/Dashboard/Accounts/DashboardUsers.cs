using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Omnia.Core.Users;

namespace Omnia.Server.Dashboard.Accounts;

/// <summary>
/// The dashboard's sign-in cookie: it names the user and a stamp of the password hash. Every request checks
/// the user still exists with that password, so removing a user or changing a password ends their sessions.
/// </summary>
public static class DashboardUsers
{
    public const string Scheme = "omnia-dashboard";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "omnia.session";

    private const string StampClaim = "omnia:stamp";
    private const string UserItemKey = "omnia.user";

    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
        options.LoginPath = "/signin";
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = "/signin";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    public static ClaimsPrincipal Principal(UserCredentials credentials) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, credentials.User.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, credentials.User.Email),
            new Claim(StampClaim, PasswordHasher.Stamp(credentials.PasswordHash)),
        ],
        Scheme));

    /// <summary>The signed-in user of this request (read from the cookie once per request), or null.</summary>
    public static async ValueTask<User?> AuthenticateAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(UserItemKey, out var cached))
        {
            return cached as User;
        }

        var result = await http.AuthenticateAsync(Scheme).ConfigureAwait(false);
        return result.Succeeded ? http.Items[UserItemKey] as User : null;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        string? email = context.Principal?.FindFirstValue(ClaimTypes.Email);
        var credentials = email is null ? null : await http.RequestServices.GetRequiredService<IUserStore>().FindCredentialsAsync(email, http.RequestAborted);
        if (credentials is null
            || credentials.User.Id.ToString(CultureInfo.InvariantCulture) != context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)
            || PasswordHasher.Stamp(credentials.PasswordHash) != context.Principal!.FindFirstValue(StampClaim))
        {
            http.Items[UserItemKey] = null;
            context.RejectPrincipal();
            await http.SignOutAsync(Scheme);
            return;
        }

        http.Items[UserItemKey] = credentials.User;
    }
}
