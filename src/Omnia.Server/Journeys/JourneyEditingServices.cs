using Omnia.Server.Content;

namespace Omnia.Server.Journeys;

/// <summary>The services behind the journey, content and contact-policy APIs and pages.</summary>
public static class JourneyEditingServices
{
    public static IServiceCollection AddJourneyEditing(this IServiceCollection services)
    {
        services.AddSingleton<JourneyHistories>();
        services.AddSingleton<Messaging.ProfileMessages>();
        services.AddSingleton<Messaging.DeadLetters>();
        services.AddSingleton<JourneyDrafts>();
        services.AddSingleton<ContentLibrary>();
        return services;
    }

    public static IEndpointRouteBuilder MapJourneyEditingApis(this IEndpointRouteBuilder app)
    {
        app.MapJourneysApi();
        app.MapContentApi();
        app.MapContactPolicyApi();
        return app;
    }
}
