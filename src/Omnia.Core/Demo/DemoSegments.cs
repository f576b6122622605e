namespace Omnia.Core.Demo;

/// <summary>
/// The segments a marketer at the demo brand would build first, saved with the demo data so the audiences
/// pages have something real to show. Each is an ordinary definition (docs/segments.md).
/// </summary>
public static class DemoSegments
{
    /// <summary>Slug and definition JSON of each demo segment, referenced segments first.</summary>
    public static IReadOnlyList<(string Slug, string Json)> All { get; } =
    [
        ("cart-abandoners", """
            {"version":1,"name":"Cart abandoners","description":"Added to a cart in the last 14 days and did not order that cart within 4 hours",
             "condition":{"sequence":{"first":{"name":"Product Added"},"then":{"name":"Order Completed"},"within":"4h","did":false,"key":"cart_id","window":{"last":"14d"}}}}
            """),
        ("browse-abandoners", """
            {"version":1,"name":"Browse abandoners","description":"Viewed 3 or more products this week without adding any to the cart",
             "condition":{"and":[{"event":{"name":"Product Viewed","count":{"op":"atLeast","value":3},"window":{"last":"7d"}}},
                                 {"not":{"event":{"name":"Product Added","window":{"last":"7d"}}}}]}}
            """),
        ("lapsed-vips", """
            {"version":1,"name":"Lapsed VIPs","description":"Spent 400 or more in total but have not ordered in 45 days",
             "condition":{"and":[{"computed":{"name":"revenue","op":"gte","value":400}},
                                 {"not":{"event":{"name":"Order Completed","window":{"last":"45d"}}}}]}}
            """),
        ("lapsed-vips-holdout", """
            {"version":1,"name":"Lapsed VIPs: holdout","description":"A stable 10% of lapsed VIPs kept out of win-back campaigns, to measure their lift",
             "condition":{"and":[{"segment":"lapsed-vips"},{"bucket":{"from":0,"to":999}}]}}
            """),
        ("big-spenders-90d", """
            {"version":1,"name":"Big spenders (90 days)","description":"Revenue of 300 or more in the last 90 days",
             "condition":{"event":{"name":"Order Completed","aggregate":{"fn":"sum","property":"revenue","op":"gte","value":300},"window":{"last":"90d"}}}}
            """),
        ("app-regulars", """
            {"version":1,"name":"App regulars","description":"Opened the app 3 or more times in the last 30 days",
             "condition":{"event":{"name":"Application Opened","count":{"op":"atLeast","value":3},"window":{"last":"30d"}}}}
            """),
        ("email-subscribers", """
            {"version":1,"name":"Email subscribers","description":"Can be emailed: opted in and not unsubscribed, bounced or complained",
             "condition":{"consent":{"channel":"email","subscribed":true}}}
            """),
        ("new-customers-30d", """
            {"version":1,"name":"New customers (30 days)","description":"First seen in the last 30 days and ordered at least once",
             "condition":{"and":[{"computed":{"name":"firstSeen","op":"withinLast","value":"30d"}},{"computed":{"name":"orderCount","op":"gte","value":1}}]}}
            """),
    ];
}
