using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Omnia.Bench.Email;

/// <summary>tests/smtp/smtp_server.py (python3-aiosmtpd) on a free loopback port, counting the messages it accepts.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private bool _stopped;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts the server; with <paramref name="directory"/> each accepted message is also written there (count them for progress).</summary>
    public static async Task<SmtpSink> StartAsync(string? directory = null)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Omnia.slnx")))
            root = root.Parent;
        var script = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Omnia.slnx not found"), "tests", "smtp", "smtp_server.py");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (directory is not null)
        {
            info.ArgumentList.Add("--dir");
            info.ArgumentList.Add(directory);
        }
        var process = Process.Start(info)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != $"ready {port}")
            throw new InvalidOperationException($"The SMTP server did not start: {ready} {await process.StandardError.ReadToEndAsync()} (apt-get install python3-aiosmtpd)");
        return new SmtpSink(process, port);
    }

    /// <summary>Stops the server; how many messages it accepted.</summary>
    public async Task<long> StopAsync()
    {
        _stopped = true;
        _process.StandardInput.Close();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync();
        return line is not null && line.StartsWith("received ", StringComparison.Ordinal) ? long.Parse(line[9..], System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
                _process.Kill();
        }
        _process.Dispose();
        await Task.CompletedTask;
    }
}
