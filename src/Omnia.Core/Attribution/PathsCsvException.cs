namespace Omnia.Core.Attribution;

/// <summary>A paths file that cannot be read; <see cref="Exception.Message"/> starts with the line number and says what to fix.</summary>
public sealed class PathsCsvException : Exception
{
    public PathsCsvException(int line, string problem)
        : base($"line {line}: {problem}")
    {
        Line = line;
    }

    /// <summary>The 1-based line the problem is on.</summary>
    public int Line { get; }
}
