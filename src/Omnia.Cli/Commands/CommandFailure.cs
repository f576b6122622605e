namespace Omnia.Cli.Commands;

/// <summary>
/// A command cannot do what was asked, for a reason the user can act on: printed as one line (plus the listed
/// <see cref="Details"/>), never with a stack trace, and the process exits with <see cref="ExitCode"/>.
/// </summary>
internal sealed class CommandFailure(string message, int exitCode = CommandFailure.Refused, IReadOnlyList<string>? details = null) : Exception(message)
{
    /// <summary>Exit code when the thing asked for does not exist.</summary>
    public const int NotFound = 1;

    /// <summary>Exit code when the request was refused: bad input, a conflict, no access, no store, no server.</summary>
    public const int Refused = 2;

    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Details { get; } = details ?? [];
}
