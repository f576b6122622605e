namespace Omnia.Core.Messaging;

/// <summary>What to do with a message.</summary>
public enum ContactOutcome
{
    SendNow,

    /// <summary>Hold it until <see cref="ContactDecision.DeferUntil"/>, then decide again.</summary>
    Defer,

    /// <summary>Do not send it; record <see cref="ContactDecision.Reason"/>.</summary>
    Suppressed,
}

/// <summary>
/// The contact policy's answer for one send: send now, defer until an instant, or suppressed with a reason code
/// (<see cref="ContactReasons"/>) and a sentence a person reads in the message log.
/// </summary>
public sealed record ContactDecision(ContactOutcome Outcome, DateTimeOffset? DeferUntil, string? Reason, string Message)
{
    public static ContactDecision Send(string message = "allowed by the contact policy") => new(ContactOutcome.SendNow, null, null, message);

    public static ContactDecision Defer(DateTimeOffset until, string reason, string message) => new(ContactOutcome.Defer, until, reason, message);

    public static ContactDecision Suppress(string reason, string message) => new(ContactOutcome.Suppressed, null, reason, message);

    /// <summary><c>suppressed (frequency_cap): …</c>.</summary>
    public override string ToString() => Outcome switch
    {
        ContactOutcome.SendNow => $"send now: {Message}",
        ContactOutcome.Defer => $"defer until {DeferUntil:O} ({Reason}): {Message}",
        _ => $"suppressed ({Reason}): {Message}",
    };
}

/// <summary>The reason codes of <see cref="ContactDecision.Reason"/>; stable, for reports and the message log.</summary>
public static class ContactReasons
{
    public const string ControlGroup = "control_group";
    public const string NoAddress = "no_address";
    public const string Unsubscribed = "unsubscribed";
    public const string HardBounce = "hard_bounce";
    public const string Complaint = "complaint";
    public const string NoConsent = "no_consent";
    public const string FrequencyCap = "frequency_cap";
    public const string QuietHours = "quiet_hours";
}
