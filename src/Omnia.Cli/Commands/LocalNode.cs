using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Starts a node on <paramref name="dataDirectory"/>, waits until profiles and segment membership reflect the
    /// whole log, and runs <paramref name="action"/> in workspace <paramref name="workspace"/> (exit code 2 when
    /// there is no such workspace).
    /// </summary>
    public static async Task<int> RunInWorkspaceAsync(
        string dataDirectory, string workspace, CancellationToken cancellationToken, Func<IServiceProvider, Omnia.Core.Workspaces.Workspace, Task<int>> action)
    {
        await using var node = await StartAsync(dataDirectory, cancellationToken);
        var ws = await node.Services.GetRequiredService<Omnia.Core.Workspaces.IWorkspaceStore>().FindWorkspaceAsync(workspace, cancellationToken);
        if (ws is null)
        {
            Spectre.Console.AnsiConsole.MarkupLineInterpolated($"[red]There is no workspace '{workspace}'.[/]");
            return 2;
        }

        await node.Services.GetRequiredService<Omnia.Server.Processing.ProcessingService>().AudiencesCaughtUpAsync(cancellationToken);
        return await action(node.Services, ws);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
