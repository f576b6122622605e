namespace Omnia.Dashboard.Tests;

/// <summary>Where the tests leave what a person can look at: screenshots and measured render times.</summary>
public static class Artifacts
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName;

    public static string Screenshots { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "screenshots")).FullName;

    /// <summary>Saves a full-page PNG of what the browser shows, named after the page.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}
