using Omnia.Core.Identity;

namespace Omnia.Core.Import;

/// <summary>
/// The values of one row's special columns, trimmed; null when empty.
/// Identifier placeholders such as "N/A", "null" or "0" count as empty, as identity resolution ignores them.
/// </summary>
internal readonly record struct CsvRowFields
{
    public string? UserId { get; init; }
    public string? AnonymousId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Event { get; init; }
    public string? Timestamp { get; init; }
    public string? MessageId { get; init; }

    /// <summary>The first identifier placeholder met, as "'N/A' in column 'Customer ID'", for the error message.</summary>
    public string? Placeholder { get; init; }

    public bool HasIdentifier => UserId is not null || AnonymousId is not null || Email is not null || Phone is not null;

    public static CsvRowFields Read(CsvHeader header, string[] values, int count)
    {
        var row = default(CsvRowFields);
        for (var i = 0; i < header.Count; i++)
        {
            var column = header.Columns[i];
            var value = i < count ? values[i].Trim() : "";
            var present = value.Length == 0 ? null : value;
            if (present is not null && column.IsIdentifier && IdentifierNormalizer.IsBlocked(present))
            {
                row = row with { Placeholder = row.Placeholder ?? $"'{present}' in column '{column.Header}'" };
                present = null;
            }

            row = column.Role switch
            {
                CsvColumnRole.UserId => row with { UserId = present },
                CsvColumnRole.AnonymousId => row with { AnonymousId = present },
                CsvColumnRole.Email => row with { Email = present },
                CsvColumnRole.Phone => row with { Phone = present },
                CsvColumnRole.Event => row with { Event = present },
                CsvColumnRole.Timestamp => row with { Timestamp = present },
                CsvColumnRole.MessageId => row with { MessageId = present },
                _ => row,
            };
        }

        return row;
    }
}
