namespace Omnia.Server.Measurement;

/// <summary>A file attached to a report email.</summary>
public sealed record ReportAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The monthly report as an email: the report itself is the HTML body, its numbers a CSV attachment.</summary>
public sealed record ReportEmail(IReadOnlyList<string> To, string Subject, string Html, string Text, IReadOnlyList<ReportAttachment> Attachments);

/// <summary>
/// Sends report emails. Two implementations: <see cref="PickupDirectoryMailer"/> (the default: writes each email as an
/// .eml file into a directory a mail server or a person picks up) and an SMTP sender registered in its place when
/// <c>OMNIA_SMTP_URL</c> is set (the messaging capability's adapter).
/// </summary>
public interface IReportMailer
{
    /// <summary>Sends one email to all its recipients; throws when it could not be handed over.</summary>
    Task SendAsync(ReportEmail email, CancellationToken cancellationToken = default);
}
