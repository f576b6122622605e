namespace Omnia.Server.Measurement;

/// <summary>Registers the measurement capability: settings, queries, the monthly report and its mailer, KPI alerts.</summary>
public static class MeasurementServices
{
    public static IServiceCollection AddMeasurement(this IServiceCollection services)
    {
        services.AddSingleton<MeasurementSettings>();
        services.AddSingleton<LandingPages>();
        services.AddSingleton<MeasurementQueries>();
        services.AddSingleton<MeasurementViews>();
        services.AddSingleton<TargetChecks>();
        services.AddSingleton<MonthlyReportBuilder>();
        services.AddSingleton<KpiAlerts>();
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<ReportMailing>();
        // The default mailer drops each email into DATA/mail-pickup; an SMTP adapter replaces this registration.
        services.AddSingleton<IReportMailer>(sp => new PickupDirectoryMailer(
            Path.Combine(sp.GetRequiredService<OmniaServerOptions>().DataDirectory, "mail-pickup"), "reports@omnia.localhost", sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MeasurementWorker>();
        return services;
    }
}
