using System.Diagnostics;
using MimeKit;

namespace Omnia.Server.Tests.Messaging;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd, tests/smtp/smtp_server.py) on a free loopback port, saving every
/// message it accepts to a temporary directory. Recipients at bounce.test get 550, at defer.test 451.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpTestServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Url(string? userInfo = null) => $"smtp://{(userInfo is null ? "" : userInfo + "@")}127.0.0.1:{Port}";

    public static async Task<SmtpTestServer> StartAsync(string? user = null, string? password = null)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(OmniaProcess.RepositoryRoot, "tests", "smtp", "smtp_server.py");
        var directory = Path.Combine(Path.GetTempPath(), "omnia-smtp-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        for (var attempt = 0; ; attempt++)
        {
            var port = OmniaProcess.FreePort();
            var info = new ProcessStartInfo(python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory })
                info.ArgumentList.Add(arg);
            if (user is not null)
            {
                info.ArgumentList.Add("--user");
                info.ArgumentList.Add(user);
                info.ArgumentList.Add("--password");
                info.ArgumentList.Add(password ?? "");
            }
            var process = Process.Start(info)!;
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (ready == $"ready {port}")
                return new SmtpTestServer(process, port, directory);
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            if (attempt == 2)
            {
                throw new InvalidOperationException(
                    $"The test SMTP server did not start ({ready}): {error}. It needs Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd; test.sh installs it).");
            }
        }
    }

    /// <summary>The messages received so far, in order, waiting until at least <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var files = System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).ToList();
            if (files.Count >= count)
                return [.. files.Select(f => MimeMessage.Load(f))];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The SMTP server received {files.Count} messages, not {count}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
                _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        await Task.CompletedTask;
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
