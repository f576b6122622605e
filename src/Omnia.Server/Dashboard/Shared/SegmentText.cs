using System.Text.Encodings.Web;
using System.Text.Json;
using Omnia.Core.Audiences;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How the segment pages write definitions and size estimates, and the examples a new segment starts from.</summary>
public static class SegmentText
{
    /// <summary>A definition to start from (docs/segments.md).</summary>
    public sealed record Example(string Key, string Title, string Json);

    // Shown in a textarea or <pre>, which Razor HTML-encodes, so JSON escaping of '<' or 'é' would only hurt reading.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = Omnia.Core.Segments.SegmentDefinition.MaxJsonDepth,
    };

    /// <summary>The examples of docs/segments.md, cart abandoners first (the new-segment form starts with it).</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("cart-abandoners", "Cart abandoners", """
            {
              "version": 1,
              "name": "Cart abandoners",
              "description": "Added a product in the last 7 days and did not order that cart within an hour",
              "condition": {
                "sequence": {
                  "first": { "name": "Product Added" },
                  "then": { "name": "Order Completed" },
                  "within": "1h",
                  "did": false,
                  "key": "cart_id",
                  "window": { "last": "7d" }
                }
              }
            }
            """),
        new("lapsed-vips", "Lapsed VIPs", """
            {
              "version": 1,
              "name": "Lapsed VIPs",
              "description": "Spent 500 or more in the last year, but no order in the last 90 days",
              "condition": {
                "and": [
                  { "event": { "name": "Order Completed", "aggregate": { "fn": "sum", "property": "revenue", "op": "gte", "value": 500 }, "window": { "last": "365d" } } },
                  { "not": { "computed": { "name": "lastOrderAt", "op": "withinLast", "value": "90d" } } }
                ]
              }
            }
            """),
        new("engaged-email", "Engaged email subscribers", """
            {
              "version": 1,
              "name": "Engaged email subscribers",
              "description": "Opted in to email, and opened 3 emails or clicked one in the last 30 days",
              "condition": {
                "and": [
                  { "consent": { "channel": "email", "subscribed": true } },
                  { "or": [
                    { "event": { "name": "Email Opened", "count": { "op": "atLeast", "value": 3 }, "window": { "last": "30d" } } },
                    { "event": { "name": "Email Link Clicked", "window": { "last": "30d" } } }
                  ] }
                ]
              }
            }
            """),
        new("holdout", "Holdout 10%", """
            {
              "version": 1,
              "name": "Holdout 10%",
              "description": "A fixed tenth of profiles kept out of campaigns, to measure their lift",
              "condition": { "bucket": { "from": 0, "to": 999 } }
            }
            """),
    ];

    /// <summary>The example with this key, or the first one.</summary>
    public static Example ExampleOrDefault(string? key) => Examples.FirstOrDefault(e => e.Key == key) ?? Examples[0];

    /// <summary>A definition to start from for the members of one persona (<c>{"persona":"p1"}</c>).</summary>
    public static string ForPersona(string key, string name) => Draft(
        $"Persona: {name}", $"Profiles assigned to the persona “{name}” ({key})", new Dictionary<string, object> { ["persona"] = key });

    /// <summary>A definition to start from for the profiles at one lifecycle stage (<c>{"lifecycleStage":"loyalty"}</c>).</summary>
    public static string ForStage(string stage) => Draft(
        $"Lifecycle: {LifecycleText.Label(stage)}", $"Profiles at the {stage} stage of the lifecycle", new Dictionary<string, object> { ["lifecycleStage"] = stage });

    private static string Draft(string name, string description, object condition) =>
        JsonSerializer.Serialize(new { version = 1, name, description, condition }, Indented);

    /// <summary>A saved definition, indented for reading and editing.</summary>
    public static string Pretty(JsonElement definition) => JsonSerializer.Serialize(definition, Indented);

    /// <summary>"≈ 1,240 profiles (95%: 1,180–1,302), from 1,000 sampled of 12,400", or "exactly 96 profiles" when every profile was evaluated.</summary>
    public static string Estimate(SizeEstimate e) =>
        e.IsExact
            ? $"exactly {Profiles(e.Estimate)}"
            : $"≈ {Profiles(e.Estimate)} (95%: {Format.Number(e.Low)}–{Format.Number(e.High)}), from {Format.Number(e.Sampled)} sampled of {Format.Number(e.Population)}";

    /// <summary>"1 profile", "1,240 profiles".</summary>
    public static string Profiles(long count) => $"{Format.Number(count)} {(count == 1 ? "profile" : "profiles")}";
}
