using System.Text.Json;
using Omnia.Core.Events;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Segments;

/// <summary>
/// What segment evaluation needs of one of a profile's events: its name (track event, page or screen name), call
/// type, time, log position and the properties definitions read. A small struct: profiles keep arrays of these in
/// memory, millions of them.
/// </summary>
public readonly struct ProfileEvent
{
    private readonly long _utcTicks;

    public ProfileEvent(string? name, EventType type, DateTimeOffset timestamp, EventProperties properties, long seq = 0, ushort channelId = 0)
        : this(name, type, timestamp.UtcTicks, properties, seq, channelId, 0, DeviceType.Unknown)
    {
    }

    /// <summary>An event at <paramref name="utcTicks"/> (UTC ticks), as memory and snapshots hold it.</summary>
    public ProfileEvent(string? name, EventType type, long utcTicks, EventProperties properties, long seq, ushort channelId, int campaignId, DeviceType device)
    {
        Name = name;
        Type = type;
        _utcTicks = utcTicks;
        Properties = properties;
        Seq = seq;
        ChannelId = channelId;
        CampaignId = campaignId;
        Device = device;
    }

    /// <summary>An event with all the top-level properties of a JSON object (tests and tools).</summary>
    public ProfileEvent(string? name, EventType type, DateTimeOffset timestamp, JsonElement properties, long seq = 0)
        : this(name, type, timestamp, EventProperties.FromJson(properties), seq)
    {
    }

    /// <summary>The track event's name, or the page or screen name.</summary>
    public string? Name { get; }

    public EventType Type { get; }

    /// <summary>The event's (skew-corrected) time, in UTC.</summary>
    public DateTimeOffset Timestamp => new(_utcTicks, TimeSpan.Zero);

    /// <summary><see cref="Timestamp"/> as UTC ticks, for comparisons without building a <see cref="DateTimeOffset"/>.</summary>
    public long UtcTicks => _utcTicks;

    /// <summary>The properties kept for evaluation (those definitions read; all of them in tests).</summary>
    public EventProperties Properties { get; }

    /// <summary>The event's position in the log (0 when not from the log).</summary>
    public long Seq { get; }

    /// <summary>The touchpoint channel the event was classified to (see <see cref="Touchpoints.ChannelIds"/>; 0: none).</summary>
    public ushort ChannelId { get; }

    /// <summary>The touchpoint channel's name, or null.</summary>
    public string? Channel => ChannelIds.Name(ChannelId);

    /// <summary>The campaign the event's touchpoint carried (see <see cref="CampaignIds"/>; 0: none).</summary>
    public int CampaignId { get; }

    /// <summary>The campaign's name, or null.</summary>
    public string? Campaign => CampaignIds.Name(CampaignId);

    /// <summary>The kind of device the event came from.</summary>
    public DeviceType Device { get; }

    /// <summary>The same event with other properties (a backfill of properties that definitions started to read).</summary>
    public ProfileEvent WithProperties(EventProperties properties) => new(Name, Type, _utcTicks, properties, Seq, ChannelId, CampaignId, Device);

    /// <summary>Reads a logged event with all its top-level properties.</summary>
    public static ProfileEvent FromLogEvent(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var document = JsonDocument.Parse(logEvent.Json);
        var properties = document.RootElement.TryGetProperty("properties", out var p) ? EventProperties.FromJson(p) : default;
        return new ProfileEvent(logEvent.Name, logEvent.Type, logEvent.Timestamp, properties, logEvent.Seq);
    }
}
