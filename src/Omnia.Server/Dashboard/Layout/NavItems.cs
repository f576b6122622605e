namespace Omnia.Server.Dashboard.Layout;

/// <summary>The dashboard's navigation, by capability. A capability adds its page here when it ships.</summary>
public static class NavItems
{
    public sealed record Item(string Label, string Path, string Icon);

    public sealed record Group(string Label, IReadOnlyList<Item> Items);

    public static IReadOnlyList<Group> Groups { get; } =
    [
        new("Customers", [new("Overview", "", "home"), new("Profiles", "/profiles", "users"), new("Segments", "/segments", "target"),
            new("Personas", "/personas", "persona"), new("Lifecycle", "/lifecycle", "funnel")]),
        new("Engage", [new("Journeys", "/journeys", "route"), new("Content", "/content", "file"), new("Offers", "/offers", "tag")]),
        new("Measure", [new("Analytics", "/analytics", "chart"), new("Attribution", "/attribution", "pie"), new("Planning", "/planning", "calendar")]),
        new("Workspace", [new("Sources & keys", "/sources", "database"), new("Settings", "/settings", "sliders")]),
    ];
}
