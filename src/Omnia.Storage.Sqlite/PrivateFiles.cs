namespace Omnia.Storage.Sqlite;

/// <summary>
/// The data directory holds personal data and password hashes, so it is created <c>0700</c> and every file in it
/// <c>0600</c> (owner only) on Unix, set at creation rather than after. A directory or file made by an earlier
/// version with wider modes is narrowed when the store opens it. No-ops on Windows, where ACLs are inherited.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory (and missing parents) owner-only, or narrows an existing one.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (Directory.Exists(path))
        {
            Narrow(path, DirectoryMode);
            return;
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates an empty owner-only file when there is none, or narrows an existing one.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (File.Exists(path))
        {
            Narrow(path, FileMode);
            return;
        }

        try
        {
            using var _ = new FileStream(path, Options(System.IO.FileMode.CreateNew, FileAccess.Write));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else in between: narrow it like any existing file.
            Narrow(path, FileMode);
        }
    }

    /// <summary>Narrows a file's mode if it exists (e.g. a WAL file made by an earlier version).</summary>
    public static void NarrowIfExists(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            Narrow(path, FileMode);
        }
    }

    /// <summary>Options for a <see cref="FileStream"/> that creates its file owner-only.</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share = FileShare.None, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var result = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows() && mode != System.IO.FileMode.Open && (access & FileAccess.Write) != 0)
        {
            result.UnixCreateMode = FileMode;
        }

        return result;
    }

    private static void Narrow(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            if ((File.GetUnixFileMode(path) & ~mode) != 0)
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) & mode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Not the owner (e.g. a shared directory): leave it as the administrator set it.
        }
        catch (IOException)
        {
        }
    }
}
