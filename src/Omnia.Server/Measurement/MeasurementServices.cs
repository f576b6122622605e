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
        return services;
    }
}
