using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Omnia.Dashboard.Tests;

/// <summary>
/// A shop's own website on another origin than Omnia (a second Kestrel on its own free loopback port): it serves
/// a page and the browser SDKs' files as the shop would host them, from tests/browser-sdk/node_modules (the real
/// packages from the npm registry, installed by test.sh or on first use).
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopSite(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>The shop's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Origin { get; }

    /// <summary>Where the real SDK packages are installed.</summary>
    public static string Packages => Path.Combine(RepositoryRoot, "tests", "browser-sdk", "node_modules");

    /// <summary>Starts the site; <paramref name="pages"/> maps a path to the HTML served there.</summary>
    public static async Task<ShopSite> StartAsync(IReadOnlyDictionary<string, string> pages)
    {
        await EnsurePackagesAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // analytics.js as a site hosts it: the UMD build of @segment/analytics-next (its lazily loaded chunks sit beside it).
            ["/js/segment/"] = Path.Combine(Packages, "@segment", "analytics-next", "dist", "umd"),
            // RudderStack's self-contained build: every plugin bundled, nothing fetched from its CDN.
            ["/js/rudderstack/"] = Path.Combine(Packages, "@rudderstack", "analytics-js", "dist", "npm", "modern", "bundled", "umd"),
        };
        app.Run(async http =>
        {
            string path = http.Request.Path.Value ?? "/";
            if (pages.TryGetValue(path, out var html))
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(html);
                return;
            }

            foreach (var (prefix, directory) in files)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal))
                {
                    string file = Path.Combine(directory, path[prefix.Length..]);
                    if (File.Exists(file))
                    {
                        http.Response.ContentType = "text/javascript; charset=utf-8";
                        await http.Response.SendFileAsync(file);
                        return;
                    }
                }
            }

            http.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ShopSite(app, new Uri(address));
    }

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omnia.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Omnia.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Installs tests/browser-sdk from the npm registry when test.sh has not.</summary>
    private static async Task EnsurePackagesAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Packages, "@segment", "analytics-next")) && Directory.Exists(Path.Combine(Packages, "@rudderstack", "analytics-js")))
            {
                return;
            }

            var info = new ProcessStartInfo("npm", "install --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = Path.Combine(RepositoryRoot, "tests", "browser-sdk"),
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var npm = Process.Start(info)!;
            var stderr = npm.StandardError.ReadToEndAsync();
            _ = npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(npm.ExitCode == 0, "npm install in tests/browser-sdk failed: " + await stderr);
        }
        finally
        {
            Install.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
