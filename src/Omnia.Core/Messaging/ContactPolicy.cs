using Omnia.Core.Segments;

namespace Omnia.Core.Messaging;

/// <summary>
/// A workspace's contact policy as data: consent per channel, frequency caps, quiet hours and the global control
/// group. Read it with <see cref="Parse"/>; apply it with <see cref="ContactRules.Decide"/>.
/// </summary>
public sealed record ContactPolicy(
    IReadOnlyDictionary<string, ConsentMode> Consent,
    IReadOnlyList<FrequencyCap> Caps,
    QuietHours? QuietHours,
    decimal ControlGroupPercent)
{
    /// <summary>The only format version: 1.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The policy of a new workspace: email, SMS and push need opt-in consent, in-app messages need none; no caps, no
    /// quiet hours, no control group.
    /// </summary>
    public static ContactPolicy Default { get; } = new(DefaultConsent, [], null, 0);

    internal static IReadOnlyDictionary<string, ConsentMode> DefaultConsent => new Dictionary<string, ConsentMode>(StringComparer.Ordinal)
    {
        [Touchpoints.Channels.Email] = ConsentMode.OptIn,
        [Touchpoints.Channels.Sms] = ConsentMode.OptIn,
        [Touchpoints.Channels.Push] = ConsentMode.OptIn,
        [Touchpoints.Channels.InApp] = ConsentMode.None,
    };

    /// <summary>Reads the JSON format, collecting every problem with its path.</summary>
    public static ContactPolicyParseResult Parse(string json) => ContactPolicyJsonReader.Read(json);

    /// <summary>The canonical JSON, which <see cref="Parse"/> reads back equal.</summary>
    public string ToJson() => ContactPolicyJsonWriter.Write(this);

    /// <summary>How consent is required on <paramref name="channel"/>.</summary>
    public ConsentMode ConsentFor(string channel) => Consent.TryGetValue(channel, out var mode) ? mode : ConsentMode.OptIn;

    public bool Equals(ContactPolicy? other) =>
        other is not null && ControlGroupPercent == other.ControlGroupPercent && QuietHours == other.QuietHours
        && Caps.SequenceEqual(other.Caps)
        && Consent.Count == other.Consent.Count && Consent.All(c => other.Consent.TryGetValue(c.Key, out var m) && m == c.Value);

    public override int GetHashCode() => HashCode.Combine(ControlGroupPercent, QuietHours, ValueLists.Hash(Caps), Consent.Count);
}

/// <summary>What consent a channel needs before a message goes out.</summary>
public enum ConsentMode
{
    /// <summary>The latest consent for the channel must say subscribed (no record: nothing is sent).</summary>
    OptIn,

    /// <summary>Sent unless the latest consent for the channel says unsubscribed.</summary>
    OptOut,

    /// <summary>No consent needed (in-app messages, shown only inside the app); suppressions still apply.</summary>
    None,
}

/// <summary>
/// At most <see cref="Max"/> messages on <see cref="Channel"/> (null: all channels together) in <see cref="Days"/>
/// calendar days in the profile's time zone: today and the <c>Days − 1</c> days before it.
/// </summary>
public sealed record FrequencyCap(string? Channel, int Max, int Days)
{
    /// <summary><c>1 email per day</c>, <c>3 messages per 7 days</c>.</summary>
    public override string ToString() =>
        $"{Max} {(Channel is null ? "message" : ChannelWord(Channel))}{(Max == 1 ? "" : "s")} per {(Days == 1 ? "day" : $"{Days} days")}";

    private static string ChannelWord(string channel) => channel switch
    {
        Touchpoints.Channels.Email => "email",
        Touchpoints.Channels.Sms => "SMS",
        Touchpoints.Channels.Push => "push notification",
        Touchpoints.Channels.InApp => "in-app message",
        _ => channel,
    };
}

/// <summary>What to do with a message that falls in quiet hours.</summary>
public enum QuietHoursAction
{
    /// <summary>Hold it until the quiet hours end (the next <see cref="QuietHours.To"/> on the profile's clock).</summary>
    Defer,

    /// <summary>Do not send it (suppressed, reason <c>quiet_hours</c>).</summary>
    Skip,
}

/// <summary>
/// Quiet hours on the profile's wall clock, from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive),
/// across midnight when <c>From &gt; To</c> (21:00–08:00), on <see cref="Channels"/> (empty: every channel).
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, QuietHoursAction Action, IReadOnlyList<string> Channels)
{
    /// <summary>Whether the wall-clock time <paramref name="local"/> is quiet.</summary>
    public bool Contains(TimeOnly local) => From < To ? local >= From && local < To : local >= From || local < To;

    /// <summary>Whether quiet hours apply to <paramref name="channel"/>.</summary>
    public bool AppliesTo(string channel) => Channels.Count == 0 || Channels.Contains(channel);

    public bool Equals(QuietHours? other) =>
        other is not null && From == other.From && To == other.To && Action == other.Action && Channels.SequenceEqual(other.Channels);

    public override int GetHashCode() => HashCode.Combine(From, To, Action, ValueLists.Hash(Channels));
}
