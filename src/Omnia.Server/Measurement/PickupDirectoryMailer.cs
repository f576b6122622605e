namespace Omnia.Server.Measurement;

/// <summary>
/// Writes each email as an RFC 5322 <c>.eml</c> file into a pickup directory (by default <c>DATA/mail-pickup</c>), as
/// mail servers' pickup folders take them: the file is written under a temporary name and renamed when complete, so
/// a reader never sees half an email.
/// </summary>
public sealed class PickupDirectoryMailer(string directory, string from, TimeProvider clock) : IReportMailer
{
    /// <summary>The directory emails are written to.</summary>
    public string Directory { get; } = directory;

    public async Task SendAsync(ReportEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = ReportMessages.Compose(email, from, clock.GetUtcNow());

        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Directory, name + ".tmp");
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, Path.Combine(Directory, name + ".eml"));
    }
}
