namespace Omnia.Server.Measurement;

/// <summary>Registers the measurement capability: settings, queries, the monthly report and its mailer, KPI alerts.</summary>
public static class MeasurementServices
{
    /// <summary>The sender of report emails written to the pickup folder.</summary>
    public const string ReportSender = "reports@omnia.localhost";

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
        // Reports go through the SMTP server of OMNIA_SMTP_URL (from OMNIA_MAIL_FROM) when there is one; otherwise each
        // email is dropped into DATA/mail-pickup as an .eml file.
        services.AddSingleton<IReportMailer>(sp => sp.GetRequiredService<Messaging.MessagingOptions>() is { Smtp: { } smtp } messaging
            ? new SmtpReportMailer(smtp, messaging.From, sp.GetRequiredService<TimeProvider>())
            : new PickupDirectoryMailer(
                Path.Combine(sp.GetRequiredService<OmniaServerOptions>().DataDirectory, "mail-pickup"), ReportSender, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MeasurementWorker>();
        return services;
    }
}
