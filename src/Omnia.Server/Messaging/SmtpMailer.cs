using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Omnia.Server.Messaging;

/// <summary>
/// Sends email over SMTP (MailKit) through a small pool of open, authenticated connections that are reused from one
/// message to the next (no connect/EHLO/AUTH per email), so thousands of personalised emails a second reach a local
/// server with flat memory. Thread-safe: up to <c>connections</c> emails are in flight at once, each on its own
/// connection. A connection that fails is dropped and a fresh one opened for the next email.
/// </summary>
public sealed class SmtpMailer : IAsyncDisposable
{
    private readonly SmtpSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<SmtpClient> _idle = new();
    private readonly Lock _gate = new();
    private readonly TimeSpan _timeout;
    private bool _disposed;

    /// <param name="connections">How many connections to keep open (and emails in flight): 1 to 64.</param>
    public SmtpMailer(SmtpSettings settings, int connections = 8, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(connections, 64);
        _settings = settings;
        _slots = new SemaphoreSlim(connections, connections);
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public SmtpSettings Settings => _settings;

    /// <summary>Composes and sends one email; never throws for what the server or network does (see <see cref="EmailResult"/>).</summary>
    public async Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        var message = EmailComposer.Compose(email);
        return await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a composed message.</summary>
    public async Task<EmailResult> SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        SmtpClient? client = null;
        try
        {
            client = await RentAsync(cancellationToken).ConfigureAwait(false);
            var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Return(client);
            client = null;
            return new EmailResult(EmailOutcome.Sent, message.MessageId ?? "", response);
        }
        catch (SmtpCommandException e)
        {
            // The connection is still usable after a refused command; reset it for the next message.
            if (client is not null && await TryResetAsync(client).ConfigureAwait(false))
            {
                Return(client);
                client = null;
            }
            var permanent = (int)e.StatusCode >= 500;
            return new EmailResult(permanent ? EmailOutcome.Rejected : EmailOutcome.Failed, message.MessageId ?? "", $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
            or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            return new EmailResult(EmailOutcome.Failed, message.MessageId ?? "", $"{_settings}: {e.Message}");
        }
        finally
        {
            client?.Dispose();
            _slots.Release();
        }
    }

    private async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var idle))
            {
                if (idle.IsConnected)
                    return idle;
                idle.Dispose();
            }
        }
        var client = new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_settings.Host, _settings.Port, _settings.Security, cancellationToken).ConfigureAwait(false);
            if (_settings.UserName is not null)
                await client.AuthenticateAsync(_settings.UserName, _settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            // With SIZE, MailKit writes every message twice (once to measure it for MAIL FROM … SIZE=n). Personalised
            // marketing email is small, and the server still refuses an oversized message after DATA.
            client.Capabilities &= ~SmtpCapabilities.Size;
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(client);
                return;
            }
        }
        client.Dispose();
    }

    private static async Task<bool> TryResetAsync(SmtpClient client)
    {
        try
        {
            await client.NoOpAsync().ConfigureAwait(false);
            return client.IsConnected;
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or ServiceNotConnectedException)
        {
            return false;
        }
    }

    /// <summary>Says QUIT on every idle connection and closes them.</summary>
    public async ValueTask DisposeAsync()
    {
        SmtpClient[] idle;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var client in idle)
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException)
            {
            }
            client.Dispose();
        }
        _slots.Dispose();
    }
}
