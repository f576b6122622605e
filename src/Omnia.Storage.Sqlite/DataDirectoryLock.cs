namespace Omnia.Storage.Sqlite;

/// <summary>
/// Holds <c>omnia.lock</c> in a data directory for as long as the store is open, so two Omnia processes never
/// run their processors over the same files (they would both record the same segment entries).
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "omnia.lock";
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <exception cref="DataDirectoryInUseException">Another process (or another open store) holds the directory.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, FileName);
        try
        {
            var file = new FileStream(path, PrivateFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite));
            PrivateFiles.NarrowIfExists(path);
            // The locked file cannot be read by others, so the owner's pid goes beside it, for the message below.
            using (var pid = new StreamWriter(new FileStream(path + ".pid", PrivateFiles.Options(FileMode.Create, FileAccess.Write, FileShare.ReadWrite))))
            {
                pid.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            PrivateFiles.NarrowIfExists(path + ".pid");
            return new DataDirectoryLock(file);
        }
        catch (IOException ex)
        {
            int? owner = int.TryParse(TryRead(path + ".pid"), System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
            throw new DataDirectoryInUseException(dataDirectory, owner, ex);
        }
    }

    public void Dispose() => _file.Dispose();

    private static string TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
