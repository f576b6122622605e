namespace Omnia.Core.Tests.Segments;

/// <summary>The realistic definitions the format documentation shows.</summary>
internal static class Examples
{
    public const string CartAbandoners = """
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
        """;

    public const string LapsedVips = """
        {
          "version": 1,
          "name": "Lapsed VIPs",
          "description": "Spent 500 or more in the last year, but no order in the last 90 days",
          "condition": {
            "and": [
              {
                "event": {
                  "name": "Order Completed",
                  "aggregate": { "fn": "sum", "property": "revenue", "op": "gte", "value": 500 },
                  "window": { "last": "365d" }
                }
              },
              { "not": { "computed": { "name": "lastOrderAt", "op": "withinLast", "value": "90d" } } }
            ]
          }
        }
        """;

    public const string EngagedEmailSubscribers = """
        {
          "version": 1,
          "name": "Engaged email subscribers",
          "description": "Opted in to email, and opened 3 emails or clicked one in the last 30 days",
          "condition": {
            "and": [
              { "consent": { "channel": "email", "subscribed": true } },
              {
                "or": [
                  { "event": { "name": "Email Opened", "count": { "op": "atLeast", "value": 3 }, "window": { "last": "30d" } } },
                  { "event": { "name": "Email Link Clicked", "window": { "last": "30d" } } }
                ]
              },
              { "not": { "trait": { "name": "email", "op": "contains", "value": "@example.com" } } }
            ]
          }
        }
        """;

    public const string Holdout = """
        {
          "version": 1,
          "name": "Holdout 10%",
          "description": "A fixed tenth of profiles kept out of campaigns, to measure their lift",
          "condition": { "bucket": { "from": 0, "to": 999 } }
        }
        """;

    public static TheoryData<string> All => new() { CartAbandoners, LapsedVips, EngagedEmailSubscribers, Holdout };
}
