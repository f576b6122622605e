namespace Omnia.Server.Messaging;

/// <summary>
/// The channels this node can send journey messages on, one <see cref="IMessageDelivery"/> each, sharing one HTTP
/// client. A channel without a delivery here is recorded as failed with "not available".
/// </summary>
public sealed class MessageDeliveries : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, IMessageDelivery> _byChannel;

    private MessageDeliveries(HttpClient http, IEnumerable<IMessageDelivery> deliveries)
    {
        _http = http;
        _byChannel = deliveries.ToDictionary(d => d.Channel, StringComparer.Ordinal);
    }

    /// <summary>Every channel's delivery, configured from <paramref name="options"/>. Add a channel with one line here.</summary>
    public static MessageDeliveries Create(MessagingOptions options, TimeProvider clock, Omnia.Core.Messaging.IInboxStore inbox)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        return new MessageDeliveries(http,
        [
            new EmailDelivery(options),
            new SmsDelivery(options, http),
            new PushDelivery(options, http, clock),
            new InAppDelivery(inbox),
        ]);
    }

    /// <summary>Every delivery, for start-up reporting.</summary>
    public IEnumerable<IMessageDelivery> All => _byChannel.Values;

    /// <summary>The delivery for a channel, or null when this node has none.</summary>
    public IMessageDelivery? For(string channel) => _byChannel.GetValueOrDefault(channel);

    public async ValueTask DisposeAsync()
    {
        foreach (var delivery in _byChannel.Values)
            await delivery.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
