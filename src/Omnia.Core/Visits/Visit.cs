using Omnia.Core.Touchpoints;

namespace Omnia.Core.Visits;

/// <summary>
/// One visit of a profile: a run of its events on one device with no gap longer than <see cref="VisitOptions.Gap"/>,
/// its channel and campaign from its first event. <see cref="IsTouchpoint"/> says whether a source brought it: every
/// web visit (direct ones too), an app visit that a campaign, push or deep link opened, our own message, a store or
/// call centre contact; not an app the person opened alone, nor a server-side event without any source.
/// </summary>
/// <param name="StartTicks">UTC ticks of its first event.</param>
/// <param name="EndTicks">UTC ticks of its last event.</param>
/// <param name="FirstEvent">The index of its first event in the profile's events.</param>
/// <param name="EventCount">How many events it holds.</param>
/// <param name="Device">The kind of device (<see cref="DeviceType.Unknown"/> for messages and offline contacts).</param>
/// <param name="Kind">Web, app, message or offline.</param>
/// <param name="ChannelId">Its channel (<see cref="ChannelIds"/>), after last non-direct.</param>
/// <param name="CampaignId">Its campaign (<see cref="CampaignIds"/>; 0: none), after last non-direct.</param>
/// <param name="Engagement">For a message visit, the strongest of sent, delivered, opened and clicked it holds.</param>
/// <param name="IsTouchpoint">Whether a source brought it (see above).</param>
/// <param name="Inherited">Whether it was direct and kept the last known source instead.</param>
public readonly record struct Visit(
    long StartTicks,
    long EndTicks,
    int FirstEvent,
    int EventCount,
    DeviceType Device,
    VisitKind Kind,
    ushort ChannelId,
    int CampaignId,
    MessageEventKind Engagement,
    bool IsTouchpoint,
    bool Inherited)
{
    /// <summary>When it started.</summary>
    public DateTimeOffset Start => new(StartTicks, TimeSpan.Zero);

    /// <summary>When its last event happened.</summary>
    public DateTimeOffset End => new(EndTicks, TimeSpan.Zero);

    /// <summary>Its channel code.</summary>
    public string Channel => ChannelIds.Name(ChannelId) ?? Channels.Direct;

    /// <summary>Its campaign, or null.</summary>
    public string? Campaign => CampaignIds.Name(CampaignId);
}
