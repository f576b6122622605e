namespace Omnia.Core.Import;

/// <summary>
/// Why one data row was skipped.
/// </summary>
/// <param name="Line">
/// The row number a spreadsheet shows for the row: the header is line 1 and the first data row line 2. Blank rows
/// count; a quoted value that spans several text lines is still one row.
/// </param>
/// <param name="Column">The header of the offending column as written in the file, or null when the row as a whole is wrong.</param>
/// <param name="Message">What is wrong and how to fix it, starting with "line N:".</param>
public sealed record CsvRowError(int Line, string? Column, string Message)
{
    internal static CsvRowError At(int line, string? column, string problem) =>
        new(line, string.IsNullOrEmpty(column) ? null : column, $"line {line}: {problem}");
}
