using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Omnia.Server.Dashboard.Accounts;

/// <summary>
/// A long-lived cookie a browser gets when an account signs in from it. Sign-in attempts for that account from that
/// browser are throttled on their own (see <see cref="Security.SignInThrottle"/>), so a lockout caused by guesses
/// from elsewhere does not lock the account's owner out of the browser they use. The cookie is signed and names
/// the account; it grants nothing by itself (the password is still needed).
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    public const string CookieName = "omnia.device";

    private readonly IDataProtector _protector = protection.CreateProtector("Omnia.KnownDevice.v1");

    /// <summary>The device id of this browser for <paramref name="userId"/>, or null when it has not signed in as that user before.</summary>
    public string? DeviceOf(HttpContext http, int userId)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            string[] parts = _protector.Unprotect(cookie).Split('|');
            return parts.Length == 2 && parts[0] == userId.ToString(CultureInfo.InvariantCulture) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Marks this browser as known for the user (after a successful sign-in).</summary>
    public void Remember(HttpContext http, int userId)
    {
        string device = DeviceOf(http, userId) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{userId.ToString(CultureInfo.InvariantCulture)}|{device}"), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
        });
    }
}
