namespace Omnia.Core.Events;

/// <summary>The six Segment spec calls.</summary>
public enum EventType : byte
{
    Track = 1,
    Identify = 2,
    Page = 3,
    Screen = 4,
    Group = 5,
    Alias = 6,
}

/// <summary>Names of <see cref="EventType"/> as they appear in Segment JSON and URLs.</summary>
public static class EventTypes
{
    public static string Name(EventType type) => type switch
    {
        EventType.Track => "track",
        EventType.Identify => "identify",
        EventType.Page => "page",
        EventType.Screen => "screen",
        EventType.Group => "group",
        EventType.Alias => "alias",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string? name, out EventType type)
    {
        switch (name)
        {
            case "track": type = EventType.Track; return true;
            case "identify": type = EventType.Identify; return true;
            case "page": type = EventType.Page; return true;
            case "screen": type = EventType.Screen; return true;
            case "group": type = EventType.Group; return true;
            case "alias": type = EventType.Alias; return true;
            default: type = default; return false;
        }
    }
}
