using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Omnia.Server.Admin;
using Omnia.Server.Analytics;
using Omnia.Server.Audiences;
using Omnia.Server.Audit;
using Omnia.Server.Dashboard;
using Omnia.Server.Hosting;
using Omnia.Server.Ingestion;
using Omnia.Server.Measurement;
using Omnia.Server.Privacy;
using Omnia.Server.Profiles;
using Omnia.Server.Schema;
using Omnia.Server.Security;

namespace Omnia.Server;

/// <summary>Builds and starts one Omnia node: HTTP APIs, background processing, first-run set-up and demo data.</summary>
public static class OmniaServer
{
    public static WebApplication Build(OmniaServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(OmniaServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddOmnia(options);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);

        var app = builder.Build();
        // A request the server cannot read (a body arriving too slowly: 408) keeps its own status instead of a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : 500 });
        app.UseStatusCodePages();
        app.Use(SecurityHeaders.Middleware);
        app.Use(LocalRedirects.Middleware);
        app.UseHostFiltering();
        app.UseBrowserCors();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseDashboard();
        app.Use(AdminAccess.Middleware);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapIngestionApi();
        Messaging.InAppApi.MapInAppApi(app);
        app.MapWorkspacesApi();
        app.MapSettingsApi();
        app.MapProfilesApi();
        app.MapPrivacyApi();
        app.MapSegmentsApi();
        Omnia.Server.Journeys.JourneyEditingServices.MapJourneyEditingApis(app);
        app.MapAudienceSettingsApi();
        app.MapPersonasApi();
        app.MapOverviewApi();
        app.MapSchemaApi();
        app.MapAuditApi();
        app.MapUsersApi();
        app.MapMeasurementSettingsApi();
        app.MapCostsApi();
        app.MapMeasurementApi();
        app.MapReportsApi();
        app.MapSurveyApi();
        Omnia.Server.Messaging.TrackingApi.MapTrackingApi(app);
        app.MapDashboard();
        return app;
    }

    /// <summary>
    /// Starts the node: first-run set-up, then listening (health answers 503 until ready), then demo data
    /// when asked for. Returns what the first run generated so the caller can show it once.
    /// </summary>
    public static async Task<FirstRunResult?> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<OmniaServerOptions>();
        var readiness = app.Services.GetRequiredService<Readiness>();
        var firstRun = await app.Services.GetRequiredService<FirstRun>().EnsureAsync(options.Bootstrap, cancellationToken);
        await app.StartAsync(cancellationToken);
        readiness.Set("loading derived state");
        await app.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().LoadedAsync(cancellationToken);
        if (options.Demo)
        {
            readiness.Set("loading demo data");
            await app.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(options.DemoCustomers, cancellationToken: cancellationToken);
        }

        readiness.Set("ready");
        return firstRun;
    }

    /// <summary>The addresses the node listens on (resolves port 0 to the real port).</summary>
    public static IReadOnlyCollection<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
