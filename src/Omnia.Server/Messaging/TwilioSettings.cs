namespace Omnia.Server.Messaging;

/// <summary>
/// Twilio's Messages API. <see cref="AccountSid"/> names the account in the URL; <see cref="UserName"/> and
/// <see cref="Secret"/> are the Basic credentials (the account SID and auth token, or an API key SID and its secret).
/// Messages come from <see cref="From"/> (a number in E.164) or a <see cref="MessagingServiceSid"/>.
/// </summary>
public sealed record TwilioSettings(string AccountSid, string UserName, string Secret, string? From, string? MessagingServiceSid, Uri BaseUrl)
{
    public static readonly Uri DefaultBaseUrl = new("https://api.twilio.com/");

    /// <summary>An optional URL Twilio posts delivery status to (<c>StatusCallback</c>).</summary>
    public Uri? StatusCallback { get; init; }

    /// <summary>
    /// From <c>OMNIA_TWILIO_ACCOUNT_SID</c>, <c>OMNIA_TWILIO_AUTH_TOKEN</c> (or <c>OMNIA_TWILIO_API_KEY</c> with
    /// <c>OMNIA_TWILIO_API_SECRET</c>), <c>OMNIA_TWILIO_FROM</c> or <c>OMNIA_TWILIO_MESSAGING_SERVICE_SID</c>, and
    /// <c>OMNIA_TWILIO_BASE_URL</c> (default https://api.twilio.com); null when no account SID is set.
    /// </summary>
    /// <exception cref="FormatException">Set but incomplete; the message names what is missing.</exception>
    public static TwilioSettings? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var sid = read("OMNIA_TWILIO_ACCOUNT_SID");
        if (string.IsNullOrEmpty(sid))
            return null;
        var apiKey = read("OMNIA_TWILIO_API_KEY");
        var secret = string.IsNullOrEmpty(apiKey) ? read("OMNIA_TWILIO_AUTH_TOKEN") : read("OMNIA_TWILIO_API_SECRET");
        if (string.IsNullOrEmpty(secret))
            throw new FormatException("OMNIA_TWILIO_ACCOUNT_SID is set but OMNIA_TWILIO_AUTH_TOKEN (or OMNIA_TWILIO_API_KEY with OMNIA_TWILIO_API_SECRET) is not.");
        var from = read("OMNIA_TWILIO_FROM");
        var service = read("OMNIA_TWILIO_MESSAGING_SERVICE_SID");
        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(service))
            throw new FormatException("Set OMNIA_TWILIO_FROM (a number such as +15005550006) or OMNIA_TWILIO_MESSAGING_SERVICE_SID to send SMS.");
        var baseUrl = read("OMNIA_TWILIO_BASE_URL") is { Length: > 0 } b
            ? Uri.TryCreate(b, UriKind.Absolute, out var u) ? u : throw new FormatException($"OMNIA_TWILIO_BASE_URL '{b}' is not an absolute URL.")
            : DefaultBaseUrl;
        return new TwilioSettings(sid, string.IsNullOrEmpty(apiKey) ? sid : apiKey, secret, NullIfEmpty(from), NullIfEmpty(service), baseUrl);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
