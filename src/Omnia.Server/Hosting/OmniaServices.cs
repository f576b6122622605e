using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Processing;
using Omnia.Core.Profiles;
using Omnia.Core.Users;
using Omnia.Core.Workspaces;
using Omnia.Server.Admin;
using Omnia.Server.Audiences;
using Omnia.Server.Dashboard;
using Omnia.Server.Ingestion;
using Omnia.Server.Measurement;
using Omnia.Server.Processing;
using Omnia.Server.Security;
using Omnia.Storage.Sqlite;

namespace Omnia.Server.Hosting;

/// <summary>Registers Omnia's services. The store is chosen here, in one place.</summary>
public static class OmniaServices
{
    public static IServiceCollection AddOmnia(this IServiceCollection services, OmniaServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSqliteStore(options.DataDirectory);

        services.AddSingleton<CommittedEvents>();
        services.AddSingleton(sp => new EventIngestor(sp.GetRequiredService<IEventStore>(), committed: sp.GetRequiredService<CommittedEvents>()));
        services.AddSingleton<EventWriter>();
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<SourceRegistry>();
        services.AddSingleton<AdminAccess>();
        services.AddSingleton<Omnia.Server.Audit.AuditLog>();
        services.AddApiRateLimits(options.Security);
        services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. options.Security.AllowedHosts];
            o.IncludeFailureMessage = false;
        });
        services.AddSingleton<WorkspaceRules>();
        services.AddSingleton(sp => new DerivedState(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<ITransitionStore>()));
        services.AddSingleton<IProfileStore>(sp => sp.GetRequiredService<DerivedState>());
        services.AddSingleton<IAudienceStore>(sp => sp.GetRequiredService<DerivedState>());
        services.AddSingleton(sp => new DerivedProcessor(sp.GetRequiredService<DerivedState>(), sp.GetRequiredService<WorkspaceRules>().For));
        services.AddSingleton<Omnia.Server.Journeys.JourneyModels>();
        services.AddSingleton<Omnia.Server.Journeys.JourneyCatalog>();
        services.AddHostedService(sp => sp.GetRequiredService<Omnia.Server.Journeys.JourneyCatalog>()); // before processing: journeys compiled before any event is applied
        services.AddSingleton<Omnia.Server.Messaging.ContactPolicies>();
        services.AddSingleton<Omnia.Server.Journeys.DemoJourneyInstaller>();
        services.AddSingleton(sp => new Omnia.Server.Messaging.MessagingOptions(options));
        services.AddSingleton<Omnia.Server.Messaging.MessageEventLog>();
        services.AddSingleton<Omnia.Server.Messaging.Dispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Omnia.Server.Messaging.Dispatcher>());
        services.AddSingleton<ProcessingService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessingService>());
        services.AddSingleton<AudienceSettingsDocuments>();
        services.AddSingleton<AudienceModels>();
        services.AddMeasurement();
        services.AddSingleton<SegmentCatalog>();
        Omnia.Server.Journeys.JourneyEditingServices.AddJourneyEditing(services);
        services.AddSingleton<PersonaCatalog>();
        services.AddSingleton<Omnia.Server.Schema.SchemaCatalog>();
        services.AddSingleton<Omnia.Server.Profiles.ProfileViews>();
        services.AddSingleton<Omnia.Server.Profiles.ProfileLists>();
        services.AddSingleton<Omnia.Server.Privacy.PersonFinder>();
        services.AddSingleton<Omnia.Server.Privacy.PersonExports>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<FirstRun>();
        services.AddSingleton<DemoLoader>();
        services.AddDashboard(options);

        services.AddProblemDetails();
        services.AddOmniaOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.MaxDepth = Omnia.Core.Segments.SegmentDefinition.MaxJsonDepth; // a segment definition inside a response
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        return services;
    }

    /// <summary>The embedded SQLite store in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(sp => new SqliteStore(dataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteStore>().Events);
        services.AddSingleton<ITransitionStore>(sp => sp.GetRequiredService<SqliteStore>().Transitions);
        services.AddSingleton<ISnapshotStore>(sp => sp.GetRequiredService<SqliteStore>().Snapshots);
        services.AddSingleton<Omnia.Core.Journeys.IOutboxStore>(sp => sp.GetRequiredService<SqliteStore>().Outbox);
        services.AddSingleton<Omnia.Core.Messaging.IInboxStore>(sp => sp.GetRequiredService<SqliteStore>().Inbox);
        services.AddSingleton<Omnia.Core.Privacy.IPrivacyStore>(sp => sp.GetRequiredService<SqliteStore>().Privacy);
        services.AddSingleton<IWorkspaceStore>(sp => sp.GetRequiredService<SqliteStore>().Workspaces);
        services.AddSingleton<ISegmentStore>(sp => sp.GetRequiredService<SqliteStore>().Segments);
        services.AddSingleton<Omnia.Core.Journeys.IJourneyStore>(sp => sp.GetRequiredService<SqliteStore>().Journeys);
        services.AddSingleton<Omnia.Core.Content.IContentStore>(sp => sp.GetRequiredService<SqliteStore>().Content);
        services.AddSingleton<IUserStore>(sp => sp.GetRequiredService<SqliteStore>().Users);
        services.AddSingleton<Omnia.Core.Audit.IAuditStore>(sp => sp.GetRequiredService<SqliteStore>().Audit);
        services.AddSingleton<Omnia.Core.Costs.ICostStore>(sp => sp.GetRequiredService<SqliteStore>().Costs);
        return services;
    }
}
