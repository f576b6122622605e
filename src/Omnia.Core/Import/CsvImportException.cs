namespace Omnia.Core.Import;

/// <summary>
/// The file as a whole cannot be imported: it is empty, its header lacks an identifier column or names a column
/// twice, or it is so malformed that reading cannot go on. The message says what to change.
/// </summary>
public sealed class CsvImportException : Exception
{
    public CsvImportException(string message)
        : base(message)
    {
    }

    public CsvImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
