using System.Diagnostics.CodeAnalysis;

namespace Omnia.Core.Import;

/// <summary>The outcome of one data row: either a Segment event as compact JSON or the error that skipped the row.</summary>
public sealed record CsvImportRow
{
    private CsvImportRow(int line, string? eventJson, CsvRowError? error)
    {
        Line = line;
        EventJson = eventJson;
        Error = error;
    }

    /// <summary>The row number a spreadsheet shows (header = line 1); see <see cref="CsvRowError.Line"/>.</summary>
    public int Line { get; }

    /// <summary>The <c>identify</c> or <c>track</c> event as compact JSON, ready for ingestion; null when <see cref="Error"/> is set.</summary>
    public string? EventJson { get; }

    /// <summary>Why the row was skipped; null when <see cref="EventJson"/> is set.</summary>
    public CsvRowError? Error { get; }

    /// <summary>True when the row produced an event.</summary>
    [MemberNotNullWhen(true, nameof(EventJson))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    internal static CsvImportRow Event(int line, string eventJson) => new(line, eventJson, null);

    internal static CsvImportRow Failed(CsvRowError error) => new(error.Line, null, error);
}
