using System.CommandLine;
using Omnia.Storage.Sqlite;

namespace Omnia.Cli.Commands;

/// <summary>
/// Runs the parsed command. Turns the failures a user can act on (<see cref="CommandFailure"/>, a data directory
/// held by a running server, a port in use) into one line on standard error and an exit code; anything else is a
/// bug and keeps System.CommandLine's full report. Output that goes to a pipe or a file is not wrapped at 80
/// columns, so that <c>grep</c> finds whole slugs and names in tables.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Width of tables and text when standard output is not a terminal.</summary>
    private const int RedirectedWidth = 240;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = RedirectedWidth;
        }

        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Explain(ex) is { } failure)
        {
            Console.Error.WriteLine(failure.Message);
            foreach (string detail in failure.Details)
            {
                Console.Error.WriteLine("  " + detail);
            }

            return failure.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception ex)
        {
            // A bug: the whole report, as System.CommandLine's default handler gives it.
            Console.Error.WriteLine("Unhandled exception: " + ex);
            return 1;
        }
    }

    private static CommandFailure? Explain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CommandFailure failure:
                    return failure;
                case DataDirectoryInUseException inUse:
                    return new CommandFailure(inUse.Message);
                case IOException io when io.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal):
                    return new CommandFailure(io.Message.TrimEnd('.') + ". Stop what listens there, or choose another address with --urls.");
            }
        }

        return null;
    }
}
