using Microsoft.AspNetCore.Builder;
using Omnia.Server;
using Omnia.Storage.Sqlite;

namespace Omnia.Cli.Commands;

/// <summary>
/// An Omnia node started inside a CLI command on a loopback port, so offline commands (demo, import,
/// profile) go through exactly the same pipeline and processors as the server.
/// </summary>
internal sealed class LocalNode : IAsyncDisposable
{
    private LocalNode(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a node on <paramref name="dataDirectory"/>, creating the store when there is none (then it says so,
    /// with the keys and password its first start generated, as <c>omnia serve</c> does).
    /// </summary>
    public static async Task<LocalNode> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        bool creating = !File.Exists(Path.Combine(dataDirectory, SqliteDatabase.FileName));
        var options = new OmniaServerOptions { DataDirectory = dataDirectory, Urls = ["http://127.0.0.1:0"] };
        var app = OmniaServer.Build(options, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            var firstRun = await OmniaServer.StartAsync(app, cancellationToken);
            if (creating)
            {
                Console.WriteLine($"Created a new store in {Path.GetFullPath(dataDirectory)}.");
                FirstRunReport.Write(firstRun);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new LocalNode(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
