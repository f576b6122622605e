using Omnia.Core.Events;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Tests.Visits;

/// <summary>Builds a profile's events in time order for the measurement tests: minutes after a fixed start, a device, a channel.</summary>
internal sealed class Timeline
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<ProfileEvent> _events = [];

    public ProfileEvent[] Events => [.. _events.OrderBy(e => e.UtcTicks).ThenBy(e => e.Seq)];

    /// <summary>An event <paramref name="minutes"/> after <see cref="T0"/>.</summary>
    public Timeline At(double minutes, string name, DeviceType device = DeviceType.Desktop, string? channel = null, string? campaign = null,
        EventType type = EventType.Track, params (string Name, EventValue Value)[] properties)
    {
        var at = T0.AddMinutes(minutes);
        _events.Add(new ProfileEvent(name, type, at.UtcTicks, EventProperties.Of(properties), _events.Count + 1,
            ChannelIds.Of(channel ?? Channels.Direct), CampaignIds.Of(campaign), device));
        return this;
    }

    /// <summary>A page view.</summary>
    public Timeline Page(double minutes, DeviceType device = DeviceType.Desktop, string? channel = null, string? campaign = null) =>
        At(minutes, "Page", device, channel, campaign, EventType.Page);

    /// <summary>An order worth <paramref name="revenue"/>.</summary>
    public Timeline Order(double minutes, decimal revenue, DeviceType device = DeviceType.Desktop, string? channel = null) =>
        At(minutes, "Order Completed", device, channel, null, EventType.Track, ("revenue", EventValue.Of(revenue)));

    public static double Days(double days) => days * 24 * 60;
}
