namespace Omnia.Core.Demo;

/// <summary>Makes plausible browsers and phones: user agents, models, OS versions and documentation-range IPs.</summary>
internal static class Devices
{
    private static readonly string[] DesktopAgents =
    [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ];

    private static readonly string[] MobileAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; SM-S921U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    ];

    private static readonly (string Model, string Os)[] IPhones =
        [("iPhone15,2", "17.5.1"), ("iPhone16,1", "17.6"), ("iPhone14,5", "17.4.1"), ("iPhone16,2", "18.0")];

    private static readonly (string Manufacturer, string Model, string Os)[] Androids =
        [("Google", "Pixel 8", "14"), ("samsung", "SM-S921U", "14"), ("samsung", "SM-A546U", "13"), ("OnePlus", "CPH2449", "14")];

    private static readonly string[] IpBlocks = ["192.0.2.", "198.51.100.", "203.0.113."];

    public static Device Create(DeviceKind kind, DemoRandom rng)
    {
        var ip = rng.Pick(IpBlocks) + rng.Next(1, 255).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (kind)
        {
            case DeviceKind.DesktopWeb:
                return new Device(kind, rng.Uuid(), ip, rng.Pick(DesktopAgents));
            case DeviceKind.MobileWeb:
                return new Device(kind, rng.Uuid(), ip, rng.Pick(MobileAgents));
            case DeviceKind.IosApp:
                var (model, iosVersion) = rng.Pick(IPhones);
                return new Device(kind, rng.Uuid(), ip, null, rng.Uuid().ToUpperInvariant(), "Apple", model, iosVersion);
            default:
                var (manufacturer, androidModel, androidVersion) = rng.Pick(Androids);
                var androidId = rng.Uuid().Replace("-", "", StringComparison.Ordinal)[..16];
                return new Device(kind, rng.Uuid(), ip, null, androidId, manufacturer, androidModel, androidVersion);
        }
    }
}
