using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Omnia.Server.Admin;

namespace Omnia.Server.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: Omnia's title, version and description, and how each route is
/// authenticated: the admin API takes an admin key (Bearer) or the dashboard's sign-in cookie, and the Segment
/// HTTP API (<c>POST /v1/…</c>) takes a source's write key as the HTTP Basic user name.
/// </summary>
public static class OpenApiSetup
{
    public const string AdminKeyScheme = "adminKey";
    public const string WriteKeyScheme = "writeKey";
    public const string DashboardCookieScheme = "dashboardSession";

    /// <summary>Operation extension naming the least role an admin route needs: viewer, analyst, marketer or owner.</summary>
    public const string RoleExtension = "x-omnia-role";

    /// <summary>Operation extension: <c>workspace</c> for routes under <c>/workspaces/{workspace}</c>, <c>global</c> for the others.</summary>
    public const string ScopeExtension = "x-omnia-scope";

    public static IServiceCollection AddOmniaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Omnia",
                    Version = Version,
                    Description =
                        "Omnia, the open-source omnichannel marketing platform. `/api/v1/…` is the admin API (workspaces, sources, " +
                        "profiles, segments, personas, settings, analytics): send an admin key as `Authorization: Bearer <key>`, " +
                        "or call it from the signed-in dashboard. `POST /v1/…` is the Segment HTTP API: send a source's write key " +
                        "as the HTTP Basic user name. Errors are RFC 7807 application/problem+json.",
                };
                AddSchemes(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<AccessScope>().LastOrDefault() is { } scope)
                {
                    AddSchemes(context.Document!);
                    operation.Security ??= [];
                    operation.Security.Add(Requirement(AdminKeyScheme, context.Document!));
                    operation.Security.Add(Requirement(DashboardCookieScheme, context.Document!));
                    // The least role the route declared (RequireRole), and whether it is bound to the {workspace} in its path.
                    operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    operation.Extensions[ScopeExtension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(scope.Name));
                    if (metadata.OfType<RequiredRoleAttribute>().LastOrDefault() is { } role)
                    {
                        operation.Extensions[RoleExtension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(role.Role.ToString().ToLowerInvariant()));
                    }
                }
                else if (IsSegmentApi(context.Description.RelativePath, context.Description.HttpMethod))
                {
                    AddSchemes(context.Document!);
                    operation.Security ??= [];
                    operation.Security.Add(Requirement(WriteKeyScheme, context.Document!));
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>Omnia's version: the informational version of the server assembly, without build metadata.</summary>
    public static string Version { get; } =
        (typeof(OpenApiSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(OpenApiSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0").Split('+')[0];

    // The Segment API's routes are mapped by IngestionApi; every POST under /v1/ takes a write key.
    private static bool IsSegmentApi(string? relativePath, string? method) =>
        relativePath is not null && relativePath.StartsWith("v1/", StringComparison.Ordinal) && HttpMethods.IsPost(method ?? "");

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AdminKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An admin key (ak_…), printed once on first start or created with POST /api/v1/workspaces/{workspace}/keys.",
        };
        document.Components.SecuritySchemes[WriteKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A source's write key (wk_…) as the user name and an empty password, as Segment's SDKs send it.",
        };
        document.Components.SecuritySchemes[DashboardCookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Dashboard.Accounts.DashboardUsers.CookieName,
            Description = "The dashboard's sign-in cookie; a change (not GET) also needs the antiforgery token in the RequestVerificationToken header.",
        };
    }
}
