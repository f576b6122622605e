namespace Omnia.Core.Demo;

/// <summary>The <c>context.library</c> each demo source reports.</summary>
internal static class Libraries
{
    public static readonly Library Web = new("analytics.js", "next-1.70.0");
    public static readonly Library Ios = new("analytics-swift", "1.5.11");
    public static readonly Library Android = new("analytics-kotlin", "1.16.0");
    public static readonly Library Pos = new("northwind-pos", "2.3.0");
    public static readonly Library Messaging = new("northwind-messaging", "1.8.2");
    public static readonly Library Helpdesk = new("northwind-helpdesk", "1.2.0");
}

/// <summary>The name and version of the SDK or integration that sent an event.</summary>
internal sealed record Library(string Name, string Version);
