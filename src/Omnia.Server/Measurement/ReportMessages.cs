using MimeKit;

namespace Omnia.Server.Measurement;

/// <summary>A report email as a MIME message: the report as the HTML part, a text part, and its attachments.</summary>
public static class ReportMessages
{
    public static MimeMessage Compose(ReportEmail email, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var to in email.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = email.Subject;
        message.Date = date;
        var body = new BodyBuilder { HtmlBody = email.Html, TextBody = email.Text };
        foreach (var attachment in email.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
