namespace Omnia.Storage.Sqlite;

/// <summary>
/// Another process (or another open store in this one) holds the data directory's <c>omnia.lock</c>. The message
/// says which directory and, when it is known, which process; the CLI prints it as it is.
/// </summary>
public sealed class DataDirectoryInUseException : IOException
{
    public DataDirectoryInUseException(string dataDirectory, int? ownerProcessId, Exception? innerException = null)
        : base(
            $"The data directory {Path.GetFullPath(dataDirectory)} is in use by another Omnia process{(ownerProcessId is { } pid ? $" (pid {pid})" : "")}. " +
            "Stop it first, or send the command to the running server with --url.",
            innerException)
    {
        DataDirectory = dataDirectory;
        OwnerProcessId = ownerProcessId;
    }

    /// <summary>The directory that is held.</summary>
    public string DataDirectory { get; }

    /// <summary>The process id recorded by the holder in <c>omnia.lock.pid</c>, when it could be read.</summary>
    public int? OwnerProcessId { get; }
}
