using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// What the runtime may ask about the profile while it moves an instance: its facts (traits, events, persona,
/// stage) for conditions, choose-channel and waits on a trait's date; its time zone; segment membership;
/// reachability per channel; and engagement with messages sent. The facts are loaded only when a step needs them.
/// Everything here must describe the profile as of the input's instant, so the same inputs give the same moves.
/// </summary>
public sealed class JourneyContext
{
    private readonly Func<ProfileFacts> _loadFacts;
    private ProfileFacts? _facts;

    /// <summary>A context over facts already loaded.</summary>
    public JourneyContext(ProfileFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _facts = facts;
        _loadFacts = () => facts;
    }

    /// <summary>A context that loads the facts on first use (most moves need none).</summary>
    public JourneyContext(Func<ProfileFacts> loadFacts)
    {
        ArgumentNullException.ThrowIfNull(loadFacts);
        _loadFacts = loadFacts;
    }

    /// <summary>The profile's time zone, for wait-until steps; UTC unless given.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Segment membership by slug, for condition steps that test <c>{"segment":…}</c>.</summary>
    public Func<string, bool>? IsMemberOf { get; init; }

    /// <summary>
    /// Whether the profile can be reached on a channel now, for choose-channel steps. The engine passes
    /// <see cref="Messaging.ContactRules.IsReachable"/> over <see cref="Messaging.ChannelAddresses"/> and the workspace's
    /// policy: an address on the channel and consent as the policy requires. Null: reachable where the latest consent for
    /// the channel says subscribed.
    /// </summary>
    public Func<string, bool>? IsReachable { get; init; }

    /// <summary>How far the person engaged with the message sent under an effect key, for last-message tests. Null: none.</summary>
    public Func<string, MessageEngagement>? Engagement { get; init; }

    /// <summary>The profile's facts, loaded once.</summary>
    public ProfileFacts Facts => _facts ??= _loadFacts();

    internal bool Reachable(string channel) =>
        IsReachable?.Invoke(channel)
        ?? (Facts.Profile.Consent.TryGetValue(channel, out var consent) && consent.Subscribed);

    internal MessageEngagement EngagementWith(string messageKey) => Engagement?.Invoke(messageKey) ?? MessageEngagement.None;
}
