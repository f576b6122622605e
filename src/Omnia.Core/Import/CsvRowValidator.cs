using Omnia.Core.Events;

namespace Omnia.Core.Import;

/// <summary>
/// Checks one row's identifiers, ids, date and event name before it is written, so that every event handed to
/// ingestion passes its validation and each problem is reported with the row's line.
/// </summary>
internal sealed class CsvRowValidator(CsvHeader header, CsvImportOptions options)
{
    // A day covers every time zone of a local time read as UTC.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    // Ingestion rejects longer track names (SegmentRequest).
    private const int MaxEventNameLength = 200;

    public CsvRowError? Validate(int line, CsvRowFields row, out string? timestamp)
    {
        timestamp = null;
        if (row.Email is not null && !CsvValues.IsValidEmail(row.Email))
        {
            var column = header.HeaderOf(CsvColumnRole.Email);
            return CsvRowError.At(line, column, $"email '{row.Email}' is not a valid email");
        }

        if (!row.HasIdentifier)
        {
            var placeholder = row.Placeholder is null ? "" : $" ({row.Placeholder} is a placeholder, not an identifier)";
            return CsvRowError.At(line, null,
                $"no identifier: fill at least one of user_id, anonymous_id, email, phone{placeholder}");
        }

        var tooLong = TooLong(line, CsvColumnRole.UserId, row.UserId)
            ?? TooLong(line, CsvColumnRole.AnonymousId, row.AnonymousId)
            ?? TooLong(line, CsvColumnRole.MessageId, row.MessageId);
        if (tooLong is not null)
        {
            return tooLong;
        }

        var problem = ValidateTimestamp(line, row.Timestamp, out timestamp);
        if (problem is not null || options.Kind != CsvImportKind.Events)
        {
            return problem;
        }

        var eventHeader = header.HeaderOf(CsvColumnRole.Event);
        var name = row.Event ?? options.EventName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return CsvRowError.At(line, eventHeader,
                $"column '{eventHeader}' is empty; fill in the event name, or set one for every row (EventName)");
        }

        return name.Length > MaxEventNameLength
            ? CsvRowError.At(line, eventHeader,
                $"the event name is {name.Length} characters long; the limit is {MaxEventNameLength}")
            : null;
    }

    private CsvRowError? ValidateTimestamp(int line, string? value, out string? timestamp)
    {
        timestamp = null;
        var column = header.HeaderOf(CsvColumnRole.Timestamp);
        if (value is null)
        {
            return options.Kind == CsvImportKind.Events
                ? CsvRowError.At(line, column,
                    $"column '{column}' is empty, but every event needs a date ({CsvTimestamp.Example})")
                : null;
        }

        if (!CsvTimestamp.TryParse(value, out var parsed))
        {
            return CsvRowError.At(line, column, $"column '{column}' value '{value}' is not a date ({CsvTimestamp.Example})");
        }

        if (parsed > options.Now + FutureTolerance)
        {
            return CsvRowError.At(line, column,
                $"column '{column}' value '{value}' is in the future; check the year and the order of day and month "
                + $"(dates with slashes are read as MM/dd/yyyy; {CsvTimestamp.Example})");
        }

        timestamp = CsvTimestamp.Format(parsed);
        return null;
    }

    private CsvRowError? TooLong(int line, CsvColumnRole role, string? value)
    {
        var column = header.HeaderOf(role);
        return value is { Length: > EventLimits.MaxIdLength }
            ? CsvRowError.At(line, column,
                $"column '{column}' value is {value.Length} characters long; ids can be at most {EventLimits.MaxIdLength}")
            : null;
    }
}
