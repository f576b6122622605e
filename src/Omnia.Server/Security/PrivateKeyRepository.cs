using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Omnia.Storage.Sqlite;

namespace Omnia.Server.Security;

/// <summary>
/// The dashboard's data-protection keys (they sign the session cookie and protect two-factor secrets) as XML files in
/// <c>keys/</c> of the data directory, created owner-only (<c>0600</c>, directory <c>0700</c>) like the rest of it.
/// </summary>
public sealed class PrivateKeyRepository : IXmlRepository
{
    private readonly string _directory;

    public PrivateKeyRepository(string directory)
    {
        _directory = directory;
        PrivateFiles.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml"))
        {
            PrivateFiles.NarrowIfExists(file);
        }
    }

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Directory.EnumerateFiles(_directory, "*.xml").Select(path =>
        {
            using var stream = File.OpenRead(path);
            return XElement.Load(stream);
        }).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        string name = string.Concat((friendlyName ?? Guid.NewGuid().ToString()).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        string path = Path.Combine(_directory, (name.Length == 0 ? Guid.NewGuid().ToString() : name) + ".xml");
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, PrivateFiles.Options(FileMode.Create, FileAccess.Write)))
        {
            element.Save(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
