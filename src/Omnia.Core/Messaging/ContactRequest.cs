using Omnia.Core.Profiles;

namespace Omnia.Core.Messaging;

/// <summary>
/// Everything the contact policy needs to decide one send, as data: who, which channel, when, whether it is
/// transactional, the profile's consent, suppressions, earlier sends and time zone.
/// </summary>
public sealed record ContactRequest
{
    public required int WorkspaceId { get; init; }

    public required long ProfileId { get; init; }

    /// <summary>email, sms, push or in_app.</summary>
    public required string Channel { get; init; }

    /// <summary>The instant the message would go out (the dispatcher's clock).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>
    /// A message the person asked for (an order confirmation, a password reset): it bypasses the control group,
    /// frequency caps and quiet hours, but never consent or suppressions, and does not count towards caps.
    /// </summary>
    public bool Transactional { get; init; }

    /// <summary>Whether the profile has an address on the channel (an email, a phone number, a push token).</summary>
    public bool HasAddress { get; init; } = true;

    /// <summary>The profile's latest consent per channel (<see cref="ProfileState.Consent"/>).</summary>
    public IReadOnlyDictionary<string, ConsentState> Consent { get; init; } = new Dictionary<string, ConsentState>();

    /// <summary>Suppressions of the profile's address on this channel (from bounces, complaints, unsubscribes).</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>Messages sent to the profile before, on any channel, for the frequency caps (at least the longest cap's days).</summary>
    public IReadOnlyList<SentMessage> History { get; init; } = [];

    /// <summary>The profile's time zone: calendar days for caps and the clock for quiet hours.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}

/// <summary>A message that went out: on which channel, when, and whether it was transactional (those do not count towards caps).</summary>
public readonly record struct SentMessage(string Channel, DateTimeOffset At, bool Transactional = false);

/// <summary>Why an address must not be messaged.</summary>
public enum SuppressionReason
{
    Unsubscribed,
    HardBounce,
    Complaint,
}

/// <summary>An address suppressed on a channel, why and since when.</summary>
public sealed record Suppression(string Channel, SuppressionReason Reason, DateTimeOffset At);
