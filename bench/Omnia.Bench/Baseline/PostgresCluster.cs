using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Omnia.Bench.Baseline;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> into a fresh temporary directory, started with <c>pg_ctl</c> on a
/// free loopback TCP port with trust authentication, stopped and deleted on dispose (or at process exit if never
/// disposed). Needs the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) on PATH.
/// PostgreSQL refuses to run as root, so when this process is root the cluster belongs to an unprivileged OS user
/// (default <c>postgres</c>, which must exist) and the binaries run through <c>runuser</c>.
/// A SIGINT, SIGTERM or SIGHUP while the cluster runs also stops and deletes it before the process ends (since
/// .NET 10 these signals end a process without raising <see cref="AppDomain.ProcessExit"/>).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>Settings for throwaway data only: a crash may lose or corrupt it. Loads run several times faster.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotDurable = new Dictionary<string, string>
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    private readonly string _root;
    private readonly string? _osUser;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Lock _gate = new();
    private Task? _stop;

    private PostgresCluster(string root, string? osUser, int port)
    {
        _root = root;
        _osUser = osUser;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The cluster's data directory (inside a temporary directory deleted on dispose).</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The server log (<c>pg_ctl -l</c>).</summary>
    public string LogFile => Path.Combine(_root, "server.log");

    /// <summary>Connects as the superuser <c>postgres</c> to the <c>postgres</c> database; no password (trust).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30;Command Timeout=0";

    /// <summary>
    /// Creates and starts a cluster. <paramref name="settings"/> go into <c>postgresql.conf</c>
    /// (e.g. <c>shared_buffers</c>, or <see cref="NotDurable"/>); values are written as given, so quote strings.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string osUser = "postgres", CancellationToken cancellationToken = default)
    {
        string? runAs = Environment.IsPrivilegedProcess ? osUser : null;
        string root = Directory.CreateTempSubdirectory("omnia-pg-").FullName;
        var cluster = new PostgresCluster(root, runAs, FreePort());
        try
        {
            if (runAs is not null)
            {
                await RunAsync(null, cancellationToken, "chown", runAs, root).ConfigureAwait(false);
            }

            await cluster.RunAsync(cancellationToken, "initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync").ConfigureAwait(false);

            var conf = new StringBuilder("\n# Omnia PostgresCluster\n");
            var all = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["port"] = cluster.Port.ToString(CultureInfo.InvariantCulture),
                ["listen_addresses"] = "'127.0.0.1'",
                ["unix_socket_directories"] = $"'{root}'",
                ["timezone"] = "'UTC'",
            };
            foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            {
                all[name] = value;
            }

            foreach (var (name, value) in all)
            {
                conf.Append(name).Append(" = ").Append(value).Append('\n');
            }

            // Appending keeps the file's owner, so the server (another user) can still read it.
            await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), conf.ToString(), cancellationToken).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
            foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
            {
                // Not cancelled: once the cluster is gone, the signal ends the process as it would have.
                cluster._signals.Add(PosixSignalRegistration.Create(signal, _ => cluster.StopAndDeleteAsync().GetAwaiter().GetResult()));
            }

            await cluster.RunAsync(cancellationToken, "pg_ctl", "-D", cluster.DataDirectory, "-l", cluster.LogFile, "-w", "-t", "120", "start").ConfigureAwait(false);
            return cluster;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string log = File.Exists(cluster.LogFile) ? await File.ReadAllTextAsync(cluster.LogFile, CancellationToken.None).ConfigureAwait(false) : "";
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Could not start PostgreSQL: {e.Message}\n{log}", e);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Restarts the server, which empties its shared buffers (the operating system's page cache stays warm).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken, "pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "120", "-m", "fast", "restart");

    /// <summary>Bytes on disk under the data directory (tables, indexes, WAL).</summary>
    public long DiskBytes() =>
        new DirectoryInfo(DataDirectory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>Stops the server (fast shutdown) and deletes the temporary directory.</summary>
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        await StopAndDeleteAsync().ConfigureAwait(false);
    }

    // Last resort when the program ends without disposing (Environment.Exit): never leave a server behind.
    private void OnProcessExit(object? sender, EventArgs e) => StopAndDeleteAsync().GetAwaiter().GetResult();

    // Once only; a signal arriving during dispose waits for the same stop.
    private Task StopAndDeleteAsync()
    {
        lock (_gate)
        {
            return _stop ??= StopAndDeleteOnceAsync();
        }
    }

    private async Task StopAndDeleteOnceAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunAsync(CancellationToken.None, "pg_ctl", "-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop").ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task RunAsync(CancellationToken cancellationToken, string program, params string[] arguments) =>
        RunAsync(_osUser, cancellationToken, program, arguments);

    private static async Task RunAsync(string? osUser, CancellationToken cancellationToken, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(osUser is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (osUser is not null)
        {
            foreach (string a in (string[])["-u", osUser, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
