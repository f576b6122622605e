namespace Omnia.Core.Import;

/// <summary>How <see cref="CsvImporter"/> turns the rows of one CSV file into Segment events.</summary>
public sealed record CsvImportOptions
{
    /// <summary>Whether rows are customers (<c>identify</c>) or events (<c>track</c>).</summary>
    public required CsvImportKind Kind { get; init; }

    /// <summary>
    /// The file name. Generated message ids hash it with the row, so importing the same file twice yields the same
    /// ids (and the pipeline drops the repeats), while the same row in another file yields another id.
    /// </summary>
    public required string SourceName { get; init; }

    /// <summary>
    /// The import time. A timestamp more than a day after it is reported as an error: it is almost always a
    /// misread date (day and month swapped, or a wrong year), not a real future event.
    /// </summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// The event name for <see cref="CsvImportKind.Events"/> rows whose <c>event</c> column is missing or empty,
    /// e.g. "Order Completed".
    /// </summary>
    public string? EventName { get; init; }

    /// <summary>Written to <c>context.channel</c> of every event, e.g. "store" or "support".</summary>
    public string? Channel { get; init; }

    /// <summary>
    /// Renames columns: CSV header (trimmed, case-insensitive) to a field name such as <c>user_id</c> or
    /// <c>loyalty_tier</c>. Mapping a header to an empty string drops that column.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ColumnMap { get; init; }

    /// <summary>The field delimiter; when null it is detected from the header line (comma, semicolon or tab).</summary>
    public char? Delimiter { get; init; }
}
