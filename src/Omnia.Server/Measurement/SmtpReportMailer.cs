using Omnia.Server.Messaging;

namespace Omnia.Server.Measurement;

/// <summary>
/// Sends report emails through the SMTP server named by <c>OMNIA_SMTP_URL</c> (one pooled connection: a report goes
/// out a few times a month). A refusal or a failure throws, so the send is reported as failed and the schedule tries
/// again.
/// </summary>
public sealed class SmtpReportMailer(SmtpSettings settings, string from, TimeProvider clock) : IReportMailer, IAsyncDisposable
{
    private readonly SmtpMailer _mailer = new(settings, connections: 1);

    public async Task SendAsync(ReportEmail email, CancellationToken cancellationToken = default)
    {
        var result = await _mailer.SendAsync(ReportMessages.Compose(email, from, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (result.Outcome != EmailOutcome.Sent)
            throw new InvalidOperationException($"The SMTP server at {settings} did not take the report: {result.Detail}");
    }

    public ValueTask DisposeAsync() => _mailer.DisposeAsync();
}
