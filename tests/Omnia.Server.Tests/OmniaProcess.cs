using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Omnia.Server.Tests;

/// <summary>The real <c>omnia</c> CLI run as a child process, as a user or script runs it.</summary>
public sealed class OmniaProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OmniaProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    /// <summary>The server's process id (its memory is read from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the server wrote to stdout and stderr (logged errors included).</summary>
    public IReadOnlyList<string> RecentOutput => [.. _output];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    public HttpClient Client { get; }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Omnia.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Omnia.slnx not found above the test directory.");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>omnia serve</c> on a free port and waits until <c>/health</c> answers 200.</summary>
    public static async Task<OmniaProcess> ServeAsync(
        string dataDirectory, bool demo = false, int demoCustomers = 300, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        int port = FreePort();
        string args = $"omnia.dll serve --urls http://127.0.0.1:{port} --data \"{dataDirectory}\"" + (demo ? $" --demo --demo-customers {demoCustomers}" : "");
        var info = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["OMNIA_BOOTSTRAP_ADMIN_KEY"] = TestNode.AdminKey;
        info.Environment["OMNIA_BOOTSTRAP_WRITE_KEY"] = TestNode.WriteKey;
        info.Environment["OMNIA_BOOTSTRAP_OWNER_EMAIL"] = TestNode.OwnerEmail;
        info.Environment["OMNIA_BOOTSTRAP_OWNER_PASSWORD"] = TestNode.OwnerPassword;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info)!;
        var node = new OmniaProcess(process, port);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"omnia serve exited with code {process.ExitCode}");
            }

            try
            {
                if ((await node.Client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await node.DisposeAsync();
        throw new TimeoutException("omnia serve did not become healthy in time.");
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or power cut would.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Asks the process to stop (SIGTERM, as a service manager does) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
