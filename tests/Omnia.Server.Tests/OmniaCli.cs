using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Omnia.Server.Tests;

/// <summary>Runs the real <c>omnia</c> command to completion, as a user or a script does, and collects what it printed.</summary>
public static partial class OmniaCli
{
    /// <summary>
    /// Runs <c>omnia ARGUMENTS</c> in <paramref name="workingDirectory"/> (the test's output folder by default) with
    /// <paramref name="environment"/> added (a null value removes the variable). The output is stdout then stderr.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "omnia.dll")}\" {arguments}")
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["NO_COLOR"] = "1";
        // The machine's own settings must not change what a test sees.
        info.Environment.Remove("OMNIA_ADMIN_KEY");
        info.Environment.Remove("OMNIA_WRITE_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // Spectre.Console still bolds text with NO_COLOR set; the assertions are about the words.
        return (process.ExitCode, AnsiEscape().Replace(await stdout + await stderr, ""));
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
