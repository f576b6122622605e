using System.Text.Json;

namespace Omnia.Core.Tests.Demo;

/// <summary>Reading the parts of a Segment event the tests look at.</summary>
internal static class DemoEventJson
{
    public static string? Str(this JsonElement e, params string[] path)
    {
        var current = e;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }

    public static string? UserId(this JsonElement e) => e.Str("userId");

    public static string? AnonymousId(this JsonElement e) => e.Str("anonymousId");

    public static string? Channel(this JsonElement e) => e.Str("context", "channel");

    /// <summary>The email an event carries: identify traits or <c>context.traits</c>.</summary>
    public static string? Email(this JsonElement e) => e.Str("traits", "email") ?? e.Str("context", "traits", "email");

    public static bool IsTrack(this JsonElement e, string name) => e.Str("type") == "track" && e.Str("event") == name;
}
