namespace Omnia.Core.Demo;

/// <summary>
/// The measurement settings a marketer at the demo brand starts with: the checkout funnel with a survey for its
/// dropouts, and weekly and monthly targets for the main channels (some of which the demo misses, so the alerts have
/// something to say).
/// </summary>
public static class DemoMeasurement
{
    /// <summary>Slug and definition of the demo funnels.</summary>
    public static IReadOnlyList<(string Slug, string Json)> Funnels { get; } =
    [
        ("checkout", """
            {"version":1,"name":"Checkout","description":"From a product view to a completed order within a week",
             "steps":[{"name":"Product Viewed","label":"Viewed a product"},{"name":"Product Added","label":"Added to cart"},
                      {"name":"Checkout Started","label":"Started checkout"},{"name":"Order Completed","label":"Ordered"}],
             "within":"7d","order":"strict",
             "survey":{"question":"What stopped you from ordering?","choices":["Shipping costs","The price","Still comparing","Just browsing","Something else"]}}
            """),
        ("newsletter-to-order", """
            {"version":1,"name":"Newsletter to order","description":"Opened a newsletter, clicked through and ordered within three days",
             "steps":[{"name":"Email Opened"},{"name":"Email Link Clicked"},{"name":"Order Completed"}],"within":"3d","order":"strict"}
            """),
    ];

    /// <summary>The demo's KPI targets.</summary>
    public const string Targets = """
        [{"channel":"email","kpi":"ctr","op":"atLeast","value":0.15,"period":"week"},
         {"channel":"email","kpi":"unsubscribes","op":"atMost","value":40,"period":"month"},
         {"channel":"paid_search","kpi":"roas","op":"atLeast","value":4,"period":"month"},
         {"channel":"paid_social","kpi":"cpa","op":"atMost","value":150,"period":"month"},
         {"channel":"display","kpi":"roas","op":"atLeast","value":1.5,"period":"month"}]
        """;
}
