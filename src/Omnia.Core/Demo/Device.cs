namespace Omnia.Core.Demo;

/// <summary>The kinds of device a demo customer uses.</summary>
internal enum DeviceKind
{
    DesktopWeb,
    MobileWeb,
    IosApp,
    AndroidApp,
}

/// <summary>
/// One browser or app install: its anonymous id (the SDK's, stable until the user clears it)
/// and what the SDK reports about it in <c>context</c>.
/// </summary>
internal sealed record Device(
    DeviceKind Kind,
    string AnonymousId,
    string Ip,
    string? UserAgent,
    string? DeviceId = null,
    string? Manufacturer = null,
    string? Model = null,
    string? OsVersion = null)
{
    public const string AppName = "Northwind";

    public bool IsApp => Kind is DeviceKind.IosApp or DeviceKind.AndroidApp;

    public string DeviceType => Kind == DeviceKind.IosApp ? "ios" : "android";

    public string OsName => Kind == DeviceKind.IosApp ? "iOS" : "Android";

    public string AppVersion => Kind == DeviceKind.IosApp ? "4.12.1" : "4.12.0";

    public string AppBuild => Kind == DeviceKind.IosApp ? "4121" : "41200";

    /// <summary>The context every event from this device carries.</summary>
    public DemoContext Context(City city) => IsApp
        ? new DemoContext
        {
            AppDevice = this,
            Ip = Ip,
            Locale = city.Locale,
            Timezone = city.TimeZone,
            Library = Kind == DeviceKind.IosApp ? Libraries.Ios : Libraries.Android,
        }
        : new DemoContext
        {
            UserAgent = UserAgent,
            Ip = Ip,
            Locale = city.Locale,
            Timezone = city.TimeZone,
            Library = Libraries.Web,
        };
}
