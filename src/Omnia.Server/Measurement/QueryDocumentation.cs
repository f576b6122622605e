using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Omnia.Server.Measurement;

/// <summary>
/// Lists in the OpenAPI document the query parameters that the measurement endpoints read themselves (so that one
/// parser, <see cref="MeasurementParameters"/>, serves the API, the dashboard and the CLI).
/// </summary>
internal static class QueryDocumentation
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["goal"] = "The conversion goal's slug (default: the first goal).",
        ["from"] = "First day counted, ISO date (default: 30 days before to).",
        ["to"] = "The day after the last one counted, ISO date (default: tomorrow); when sending a report, comma-separated email addresses.",
        ["month"] = "A whole month instead of from/to, e.g. 2026-11.",
        ["level"] = "channel (default) or campaign.",
        ["collapse"] = "true (default): a touchpoint repeated right after itself shows once.",
        ["top"] = "How many paths per group, 1 to 100 (default 10).",
        ["breakdown"] = "none, acquisition, persona, device or segment.",
        ["segment"] = "The segment's slug, with breakdown=segment.",
        ["gap"] = "Minutes of inactivity that end a visit (default: the workspace's visit settings).",
        ["models"] = "Comma-separated model names (default: all).",
        ["halfLife"] = "Time decay's half-life, e.g. 7d.",
        ["period"] = "day (default), week or month.",
        ["of"] = "channels (default), campaigns, journeys or content.",
        ["by"] = "conversions (default) or revenue.",
        ["model"] = "The model that credits channels and campaigns (default last_non_direct).",
        ["threshold"] = "The cumulative share the core set reaches, in percent (default 80).",
        ["channel"] = "Only this channel.",
        ["format"] = "json (default) or csv.",
        ["download"] = "true: serve the file as an attachment.",
        ["to_addresses"] = "Comma-separated email addresses.",
    };

    /// <summary>Documents the named query parameters (strings, optional) on an endpoint.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var name in names)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = Descriptions.GetValueOrDefault(name),
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
}
