using System.Text;
using System.Text.Json;
using Omnia.Core.Events;

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
        // Read as UTF-8 bytes where they lie in the event: this runs for every event, and allocates nothing.
        if (context.TryGetProperty("device"u8, out var device) && device.ValueKind == JsonValueKind.Object
            && device.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String)
        {
            var named = Utf8Json.StringBytes(type);
            if (Ascii.EqualsIgnoreCase(named, "mobile"u8) || Ascii.EqualsIgnoreCase(named, "phone"u8))
                return DeviceType.Mobile;
            if (Ascii.EqualsIgnoreCase(named, "tablet"u8))
                return DeviceType.Tablet;
            if (Ascii.EqualsIgnoreCase(named, "desktop"u8))
                return DeviceType.Desktop;
        }

        if (!context.TryGetProperty("userAgent"u8, out var agent) || agent.ValueKind != JsonValueKind.String)
            return DeviceType.Unknown;
        var ua = Utf8Json.StringBytes(agent);
        if (ua.IndexOf("iPad"u8) >= 0 || Utf8Json.ContainsIgnoreCase(ua, "tablet"u8))
            return DeviceType.Tablet;
        if (ua.IndexOf("Mobi"u8) >= 0 || ua.IndexOf("iPhone"u8) >= 0 || ua.IndexOf("Android"u8) >= 0)
            return DeviceType.Mobile;
        return ua.IndexOf("Mozilla"u8) >= 0 ? DeviceType.Desktop : DeviceType.Unknown;
    }
}
