using System.Text.Json;

namespace Omnia.Core.Touchpoints;

/// <summary>The kind of device an event came from: a dimension of every report.</summary>
public enum DeviceType : byte
{
    /// <summary>Not known: server-side calls, imports, store and support events.</summary>
    Unknown,
    Desktop,
    Mobile,
    Tablet,

    /// <summary>A native mobile app (screen calls, the iOS and Android SDKs).</summary>
    App,
}

/// <summary>Tells the device of an event from its <c>context</c>, as web analytics do.</summary>
public static class DeviceTypes
{
    /// <summary>The lower-case name used in APIs and reports.</summary>
    public static string Name(DeviceType device) => device switch
    {
        DeviceType.Desktop => "desktop",
        DeviceType.Mobile => "mobile",
        DeviceType.Tablet => "tablet",
        DeviceType.App => "app",
        _ => "unknown",
    };

    /// <summary>
    /// An app event (see <see cref="TouchpointInput.IsAppEvent"/>) is <see cref="DeviceType.App"/>; otherwise
    /// <c>context.device.type</c> when it says mobile, tablet or desktop, else the user agent: iPad or "Tablet" is a
    /// tablet, "Mobi", Android or iPhone a phone, anything else that is a browser a desktop.
    /// </summary>
    public static DeviceType Classify(JsonElement eventRoot, bool isAppEvent)
    {
        if (isAppEvent)
            return DeviceType.App;
        if (eventRoot.ValueKind != JsonValueKind.Object || !eventRoot.TryGetProperty("context"u8, out var context) || context.ValueKind != JsonValueKind.Object)
            return DeviceType.Unknown;
        if (context.TryGetProperty("device"u8, out var device) && device.ValueKind == JsonValueKind.Object
            && device.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String)
        {
            var named = type.GetString();
            if (string.Equals(named, "mobile", StringComparison.OrdinalIgnoreCase) || string.Equals(named, "phone", StringComparison.OrdinalIgnoreCase))
                return DeviceType.Mobile;
            if (string.Equals(named, "tablet", StringComparison.OrdinalIgnoreCase))
                return DeviceType.Tablet;
            if (string.Equals(named, "desktop", StringComparison.OrdinalIgnoreCase))
                return DeviceType.Desktop;
        }

        if (!context.TryGetProperty("userAgent"u8, out var agent) || agent.ValueKind != JsonValueKind.String)
            return DeviceType.Unknown;
        var ua = agent.GetString()!;
        if (ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("Tablet", StringComparison.OrdinalIgnoreCase))
            return DeviceType.Tablet;
        if (ua.Contains("Mobi", StringComparison.Ordinal) || ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("Android", StringComparison.Ordinal))
            return DeviceType.Mobile;
        return ua.Contains("Mozilla", StringComparison.Ordinal) ? DeviceType.Desktop : DeviceType.Unknown;
    }
}
