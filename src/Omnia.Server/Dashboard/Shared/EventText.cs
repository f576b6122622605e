using System.Text.Json;
using Omnia.Server.Profiles;

namespace Omnia.Server.Dashboard.Shared;

/// <summary>How a timeline event reads for a person: a title ("Order Completed", "Viewed /shoes") and a few key facts.</summary>
public static class EventText
{
    /// <summary>Properties worth showing on a timeline, in order; others stay in the event's details.</summary>
    private static readonly (string Key, string Label)[] KeyFacts =
    [
        ("revenue", "Revenue"), ("total", "Total"), ("value", "Value"), ("order_id", "Order"), ("product_name", "Product"),
        ("name", "Name"), ("subject", "Subject"), ("campaign_name", "Campaign"), ("store", "Store"), ("store_name", "Store"),
        ("ticket_id", "Ticket"), ("topic", "Topic"), ("query", "Search"), ("category", "Category"), ("sku", "SKU"),
        ("link_url", "Link"), ("coupon", "Coupon"), ("status", "Status"),
    ];

    public static string Title(TimelineEntry e) => e.Type switch
    {
        "track" => e.Event ?? "Track",
        "page" => e.Event is { Length: > 0 } name ? $"Viewed {name}" : "Viewed a page",
        "screen" => e.Event is { Length: > 0 } screen ? $"Opened {screen} in the app" : "Opened a screen",
        "identify" => "Identified",
        "alias" => "Linked an earlier id",
        "group" => "Joined a group",
        _ => e.Event ?? e.Type,
    };

    /// <summary>Up to <paramref name="max"/> label/value pairs from the event's properties (and the page path).</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(TimelineEntry e, int max = 4)
    {
        var facts = new List<(string, string)>();
        if (e.Properties is { ValueKind: JsonValueKind.Object } properties)
        {
            string? currency = properties.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            foreach (var (key, label) in KeyFacts)
            {
                if (facts.Count >= max)
                {
                    break;
                }

                if (properties.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    // An amount beyond decimal's range (from a store older than ingestion's checks) is shown as sent.
                    bool money = key is "revenue" or "total" or "value" && value.ValueKind == JsonValueKind.Number;
                    facts.Add((label, money && value.TryGetDecimal(out var amount) ? Format.Money(amount, currency ?? "USD") : Format.Json(value)));
                }
            }
        }

        if (facts.Count < max && e.Type is "page" && e.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            facts.Add(("Page", uri.Host + uri.AbsolutePath));
        }

        return facts;
    }
}
