using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Omnia.Server.Dashboard;

/// <summary>
/// The dashboard's CSS, scripts and vendored Chart.js, embedded in this assembly (Dashboard/Assets) and served
/// under <c>/assets/</c>, so every host of the server (CLI, tests, a published app) has them with no file copying.
/// URLs carry the build's version, so browsers may cache them for a year.
/// </summary>
public static class DashboardAssets
{
    public const string RequestPath = "/assets";

    private static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;

    public static IFileProvider Files { get; } = new EmbeddedFileProvider(Assembly, "Omnia.Server.Dashboard.Assets");

    private static readonly string Version = Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>The URL of an asset, e.g. <c>Url("dashboard.css")</c> or <c>Url("chartjs/chart.umd.min.js")</c>.</summary>
    public static string Url(string path) => $"{RequestPath}/{path}?v={Version}";

    public static StaticFileOptions StaticFiles() => new()
    {
        FileProvider = Files,
        RequestPath = RequestPath,
        OnPrepareResponse = context =>
        {
            if (context.Context.Request.Query.ContainsKey("v"))
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
        },
    };
}
