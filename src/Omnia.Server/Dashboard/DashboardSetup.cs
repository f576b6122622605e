using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Omnia.Server.Dashboard.Accounts;
using Omnia.Server.Security;

namespace Omnia.Server.Dashboard;

/// <summary>
/// The marketer's dashboard: Razor components rendered on the server (static SSR, no WebSocket circuit),
/// cookie sign-in, antiforgery on every form, and embedded assets. See docs/dashboard.md.
/// </summary>
public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, OmniaServerOptions options)
    {
        services.AddRazorComponents();
        services.AddAuthentication(DashboardUsers.Scheme).AddCookie(DashboardUsers.Scheme, DashboardUsers.ConfigureCookie);
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = "omnia.antiforgery");

        // Cookie and antiforgery keys live with the data, so sign-ins survive a restart. They are as
        // sensitive as the database next to them, hence no extra key encryption (and no warning about it).
        // The key files are written owner-only, like every file of the data directory.
        services.AddDataProtection().SetApplicationName("Omnia");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PrivateKeyRepository(Path.Combine(Path.GetFullPath(options.DataDirectory), "keys")));
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));

        services.AddSingleton<UserAccounts>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton(sp => new SignInThrottle(options.Security, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<DashboardSession>();
        return services;
    }

    /// <summary>Middleware between routing and the endpoints: assets, render timing, sign-in and antiforgery.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseStaticFiles(DashboardAssets.StaticFiles());
        app.Use(ServerTiming.Middleware);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapGet("/", async (HttpContext http, DashboardSession session) =>
        {
            await session.LoadAsync(http);
            return session.Workspaces.Count > 0
                ? Results.Redirect($"/w/{Uri.EscapeDataString(session.Workspaces[0].Slug)}")
                : Results.Redirect("/no-workspace");
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await DashboardUsers.SignOutAsync(http);
            return Results.Redirect("/signin?signedOut=1");
        }).ExcludeFromDescription();
        return app;
    }
}
