namespace Omnia.Core.Import;

/// <summary>The values of one row's special columns (trimmed; null when empty) and the headers they came from.</summary>
internal readonly record struct CsvRowFields
{
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Event { get; init; }
    public string? Timestamp { get; init; }
    public string? MessageId { get; init; }
    public string EmailHeader { get; init; }
    public string EventHeader { get; init; }
    public string TimestampHeader { get; init; }

    public static CsvRowFields Read(CsvHeader header, string[] values, int count)
    {
        var row = new CsvRowFields { EmailHeader = "email", EventHeader = "event", TimestampHeader = "timestamp" };
        for (var i = 0; i < header.Count; i++)
        {
            var column = header.Columns[i];
            var value = i < count ? values[i].Trim() : "";
            var present = value.Length == 0 ? null : value;
            row = column.Role switch
            {
                CsvColumnRole.UserId => row with { UserId = present },
                CsvColumnRole.AnonymousId => row with { AnonymousId = present },
                CsvColumnRole.Email => row with { Email = present, EmailHeader = column.Header },
                CsvColumnRole.Phone => row with { Phone = present },
                CsvColumnRole.Event => row with { Event = present, EventHeader = column.Header },
                CsvColumnRole.Timestamp => row with { Timestamp = present, TimestampHeader = column.Header },
                CsvColumnRole.MessageId => row with { MessageId = present },
                _ => row,
            };
        }

        return row;
    }
}
