namespace Omnia.Core.Import;

/// <summary>What a column of an imported CSV file feeds in the event.</summary>
internal enum CsvColumnRole
{
    Ignored,
    UserId,
    AnonymousId,
    Email,
    Phone,
    Event,
    Timestamp,
    MessageId,

    /// <summary>A trait (customers) or a property (events), named by the column's key.</summary>
    Attribute,
}

/// <summary>One header cell: as written in the file, its snake_case key, and its role.</summary>
internal readonly record struct CsvColumn(string Header, string Key, CsvColumnRole Role)
{
    public bool IsIdentifier => Role is CsvColumnRole.UserId or CsvColumnRole.AnonymousId
        or CsvColumnRole.Email or CsvColumnRole.Phone;
}
