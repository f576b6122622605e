using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Omnia.Bench.Load;

/// <summary>
/// The real <c>omnia serve</c> (the built CLI, <c>omnia.dll</c> next to this program) as a child process
/// on a free loopback port with a fresh data directory and bootstrap keys from the environment.
/// </summary>
public sealed class OmniaServerProcess : IAsyncDisposable
{
    public const string WriteKey = "wk_bench_write_key";
    public const string AdminKey = "ak_bench_admin_key";

    private readonly Process _process;

    private OmniaServerProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Control = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public int Pid => _process.Id;

    /// <summary>A client for health polling, separate from the load generator's connections.</summary>
    public HttpClient Control { get; }

    public static AuthenticationHeaderValue WriteKeyHeader { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")));

    /// <summary>Starts the server and waits until <c>/health</c> answers 200.</summary>
    public static async Task<OmniaServerProcess> StartAsync(IReadOnlyDictionary<string, string> extraEnvironment, TimeSpan timeout)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "omnia.dll");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException("omnia.dll is not next to the benchmark; build bench/Omnia.Bench (it references the CLI).", cli);
        }

        int port = FreePort();
        string data = Directory.CreateTempSubdirectory("omnia-bench-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OMNIA_BOOTSTRAP_ADMIN_KEY"] = AdminKey;
        info.Environment["OMNIA_BOOTSTRAP_WRITE_KEY"] = WriteKey;
        foreach (var (key, value) in extraEnvironment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is not null && errors.Length < 20_000)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new OmniaServerProcess(process, port, data);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"omnia serve exited with code {process.ExitCode}: {errors}");
            }

            try
            {
                if ((await server.Control.GetAsync("/health").ConfigureAwait(false)).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await server.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException("omnia serve did not become healthy in time.");
    }

    /// <summary>Log position, profiles position and lag from <c>GET /health</c>.</summary>
    public async Task<HealthSample> HealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Control.GetAsync("/health", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        return new HealthSample(root.GetProperty("logPosition").GetInt64(), root.GetProperty("profilesPosition").GetInt64(), root.GetProperty("profilesLag").GetInt64());
    }

    /// <summary>Bytes of the data directory (database, WAL and shared-memory files).</summary>
    public long DataBytes() =>
        Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is not worth failing a benchmark for.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One reading of <c>/health</c>.</summary>
public readonly record struct HealthSample(long LogPosition, long ProfilesPosition, long ProfilesLag);
