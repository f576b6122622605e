using System.Globalization;
using Omnia.Core.Journeys;
using Omnia.Core.Profiles;

namespace Omnia.Core.Messaging;

/// <summary>
/// Applies a <see cref="ContactPolicy"/> to one send, as a pure function. In order:
/// <list type="number">
/// <item>the global control group (not for transactional messages) → suppressed <c>control_group</c>;</item>
/// <item>no address on the channel → suppressed <c>no_address</c>;</item>
/// <item>a suppression of the address → suppressed <c>unsubscribed</c>, <c>hard_bounce</c> or <c>complaint</c>;</item>
/// <item>consent as the channel's <see cref="ConsentMode"/> requires → suppressed <c>no_consent</c>, or the reason the
/// consent was withdrawn (<c>unsubscribed</c>, <c>hard_bounce</c>, <c>complaint</c>); transactional messages too;</item>
/// <item>transactional messages are sent now;</item>
/// <item>quiet hours on the profile's clock → deferred to their end (<c>quiet_hours</c>), or suppressed when the action is skip;</item>
/// <item>each frequency cap, counting earlier non-transactional sends in the profile's calendar days → suppressed <c>frequency_cap</c>.</item>
/// </list>
/// A deferred message is decided again when it comes due.
/// </summary>
public static class ContactRules
{
    public static ContactDecision Decide(ContactPolicy policy, ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var channel = request.Channel;
        if (!MessageChannels.IsMessageChannel(channel))
            throw new ArgumentException($"'{channel}' is not a message channel; use one of {string.Join(", ", MessageChannels.All)}.", nameof(request));

        if (!request.Transactional && ControlGroup.Contains(request.WorkspaceId, request.ProfileId, policy.ControlGroupPercent))
            return ContactDecision.Suppress(ContactReasons.ControlGroup, $"in the global control group ({policy.ControlGroupPercent.ToString(CultureInfo.InvariantCulture)}% of profiles get no messages)");

        if (!request.HasAddress)
            return ContactDecision.Suppress(ContactReasons.NoAddress, $"the profile has no {Address(channel)}");

        var suppression = request.Suppressions.Where(s => s.Channel == channel).MaxBy(s => s.At);
        if (suppression is not null)
        {
            var (code, what) = suppression.Reason switch
            {
                SuppressionReason.HardBounce => (ContactReasons.HardBounce, "hard-bounced"),
                SuppressionReason.Complaint => (ContactReasons.Complaint, "was reported as spam"),
                _ => (ContactReasons.Unsubscribed, "unsubscribed"),
            };
            return ContactDecision.Suppress(code, $"the {Address(channel)} {what} on {suppression.At:yyyy-MM-dd} and is suppressed");
        }

        if (ConsentRefusal(policy.ConsentFor(channel), channel, request.Consent) is { } refusal)
            return refusal;

        if (request.Transactional)
            return ContactDecision.Send("transactional: caps and quiet hours do not apply");

        var local = TimeZoneInfo.ConvertTime(request.At, request.TimeZone);
        if (policy.QuietHours is { } quiet && quiet.AppliesTo(channel) && quiet.Contains(TimeOnly.FromDateTime(local.DateTime)))
        {
            var window = $"quiet hours {quiet.From:HH\\:mm}–{quiet.To:HH\\:mm} in {request.TimeZone.Id}";
            if (quiet.Action == QuietHoursAction.Skip)
                return ContactDecision.Suppress(ContactReasons.QuietHours, $"it is {local:HH:mm}, within {window}; skipped");
            var until = ZonedTime.NextTimeOfDay(request.At, quiet.To, request.TimeZone);
            return ContactDecision.Defer(until, ContactReasons.QuietHours, $"it is {local:HH:mm}, within {window}; held until {quiet.To:HH\\:mm}");
        }

        var today = DateOnly.FromDateTime(local.DateTime);
        foreach (var cap in policy.Caps)
        {
            if (cap.Channel is not null && cap.Channel != channel)
                continue;
            var first = today.AddDays(-(cap.Days - 1));
            var count = 0;
            foreach (var sent in request.History)
            {
                if (sent.Transactional || (cap.Channel is not null && sent.Channel != cap.Channel) || sent.At > request.At)
                    continue;
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sent.At, request.TimeZone).DateTime);
                if (day >= first && day <= today)
                    count++;
            }
            if (count >= cap.Max)
            {
                var period = cap.Days == 1 ? "today" : $"in the last {cap.Days} days";
                return ContactDecision.Suppress(ContactReasons.FrequencyCap,
                    $"{count} {(cap.Channel is null ? "" : Noun(cap.Channel) + " ")}message{(count == 1 ? "" : "s")} already sent {period} (cap: {cap})");
            }
        }
        return ContactDecision.Send();
    }

    /// <summary>
    /// Whether a profile can be reached on <paramref name="channel"/> at all, for choose-channel: it has an address there
    /// and its consent satisfies the policy's <see cref="ConsentMode"/> for the channel (opt-in: subscribed; opt-out: not
    /// withdrawn; none: always). Caps, quiet hours and the control group are left to the send, which records them.
    /// </summary>
    public static bool IsReachable(ContactPolicy policy, string channel, bool hasAddress, IReadOnlyDictionary<string, ConsentState> consent)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(consent);
        return hasAddress && ConsentRefusal(policy.ConsentFor(channel), channel, consent) is null;
    }

    private static ContactDecision? ConsentRefusal(ConsentMode mode, string channel, IReadOnlyDictionary<string, ConsentState> consents)
    {
        if (mode == ConsentMode.None)
            return null;
        consents.TryGetValue(channel, out var consent);
        if (consent is { Subscribed: true } || (consent is null && mode == ConsentMode.OptOut))
            return null;
        if (consent is null)
            return ContactDecision.Suppress(ContactReasons.NoConsent, $"no {Noun(channel)} consent on record; {Noun(channel)} needs opt-in");
        var code = consent.Reason switch
        {
            "hard bounce" => ContactReasons.HardBounce,
            "spam complaint" => ContactReasons.Complaint,
            _ => ContactReasons.Unsubscribed,
        };
        return ContactDecision.Suppress(code, $"{Noun(channel)} consent withdrawn on {consent.At:yyyy-MM-dd} ({consent.Reason})");
    }

    private static string Address(string channel) => channel switch
    {
        Touchpoints.Channels.Email => "email address",
        Touchpoints.Channels.Sms => "phone number",
        Touchpoints.Channels.Push => "push token",
        _ => "app installation",
    };

    private static string Noun(string channel) => channel switch
    {
        Touchpoints.Channels.Email => "email",
        Touchpoints.Channels.Sms => "SMS",
        Touchpoints.Channels.Push => "push",
        _ => "in-app",
    };
}
