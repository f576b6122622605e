namespace Omnia.Server.Messaging;

/// <summary>What a provider (Twilio, FCM, a webhook receiver) did with one request.</summary>
public enum ProviderOutcome
{
    /// <summary>Accepted.</summary>
    Sent,

    /// <summary>Refused for good (bad number, unregistered device, 4xx): retrying will not help.</summary>
    Rejected,

    /// <summary>A temporary failure (429, 5xx, timeout, connection refused): retry later.</summary>
    Failed,
}

/// <summary>The outcome of one provider call, the provider's id for the message (Twilio's SID, FCM's name), and its words.</summary>
public sealed record ProviderResult(ProviderOutcome Outcome, string? ProviderId, string Detail, int? HttpStatus = null)
{
    /// <summary>Rejected or failed from an HTTP status: 408, 429 and 5xx are temporary, other 4xx permanent.</summary>
    internal static ProviderResult FromStatus(int status, string detail) =>
        new(status is 408 or 429 || status >= 500 ? ProviderOutcome.Failed : ProviderOutcome.Rejected, null, $"{status}: {detail}", status);
}
