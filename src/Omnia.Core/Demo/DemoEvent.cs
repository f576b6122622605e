using System.Text.Json;

namespace Omnia.Core.Demo;

/// <summary>Who an event is about: the SDK's anonymous id and, once known, the user id.</summary>
internal readonly record struct Ids(string? UserId, string? AnonymousId);

/// <summary>
/// One demo event before it is numbered and written as JSON. Properties and traits are writers,
/// so an event costs little until it is serialised.
/// </summary>
internal sealed class DemoEvent
{
    private DemoEvent(string type, DateTimeOffset timestamp, Ids ids, string? name, DemoContext context)
    {
        Type = type;
        Timestamp = timestamp;
        Ids = ids;
        Name = name;
        Context = context;
    }

    public string Type { get; }

    public DateTimeOffset Timestamp { get; }

    public Ids Ids { get; }

    /// <summary><c>event</c> for track, <c>name</c> for page and screen.</summary>
    public string? Name { get; }

    public DemoContext Context { get; }

    public Action<Utf8JsonWriter>? Properties { get; private init; }

    public Action<Utf8JsonWriter>? Traits { get; private init; }

    public static DemoEvent Track(DateTimeOffset at, Ids ids, string @event, DemoContext context, Action<Utf8JsonWriter>? properties = null) =>
        new("track", at, ids, @event, context) { Properties = properties };

    public static DemoEvent Page(DateTimeOffset at, Ids ids, DemoContext context) =>
        new("page", at, ids, context.Page?.Name, context);

    public static DemoEvent Screen(DateTimeOffset at, Ids ids, string name, DemoContext context, Action<Utf8JsonWriter>? properties = null) =>
        new("screen", at, ids, name, context) { Properties = properties };

    public static DemoEvent Identify(DateTimeOffset at, Ids ids, DemoContext context, Action<Utf8JsonWriter> traits) =>
        new("identify", at, ids, null, context) { Traits = traits };
}
