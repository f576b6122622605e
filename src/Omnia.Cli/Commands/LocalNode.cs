using Microsoft.AspNetCore.Builder;
using Omnia.Server;

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

    public static async Task<LocalNode> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var options = new OmniaServerOptions { DataDirectory = dataDirectory, Urls = ["http://127.0.0.1:0"] };
        var app = OmniaServer.Build(options, builder => builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
        await OmniaServer.StartAsync(app, cancellationToken);
        return new LocalNode(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
