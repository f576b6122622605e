using System.Runtime.InteropServices;
using Omnia.Core.Attribution;
using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Paths;

/// <summary>
/// Collects the buyer journeys of the profiles it is shown (one accumulator per worker of a scan): how many took
/// each path, converted, for what revenue and after how long, per breakdown group; and, when asked, every journey
/// in the attribution engine's terms. <see cref="PathReport.Build"/> merges the accumulators.
/// </summary>
public sealed class PathAccumulator
{
    private static readonly DateTimeOffset Reference = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PathQuery _query;
    private readonly JourneyWalker _walker;
    private readonly Dictionary<long, string> _personas = [];
    private readonly long[] _key = new long[JourneyWalker.MaxTouches + 1];
    private readonly Dictionary<long[], PathStats>.AlternateLookup<ReadOnlySpan<long>> _lookup;
    private long _group;
    private bool _groupKnown;
    private ProfileState? _profile;
    private StoredAudience? _audience;

    /// <param name="query">The period and the shape of the paths.</param>
    /// <param name="goal">The goal.</param>
    /// <param name="collectJourneys">Whether to keep every journey for attribution (<see cref="AttributionJourneys"/>).</param>
    public PathAccumulator(PathQuery query, GoalMatcher goal, bool collectJourneys = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _walker = new JourneyWalker(goal, query.Visits, query.From, query.To, milestones: collectJourneys);
        _lookup = Paths.GetAlternateLookup<ReadOnlySpan<long>>();
        if (collectJourneys)
            AttributionJourneys = [];
    }

    internal Dictionary<long[], PathStats> Paths { get; } = new(PathKeyComparer.Instance);

    /// <summary>Every journey as attribution touches (timestamps as gaps to the journey's end, in whole hours), when collected.</summary>
    public List<(AttributionTouch[] Touches, bool Converted, decimal Value)>? AttributionJourneys { get; }

    internal PathQuery Query => _query;

    /// <summary>Adds one profile's journeys (the signature of a <c>DerivedState.Scan</c> visitor).</summary>
    public void Add(ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience)
    {
        _profile = profile;
        _audience = audience;
        _groupKnown = false;
        _walker.Walk(events, this, static (self, in journey) => self.Add(in journey));
    }

    private void Add(in Journey journey)
    {
        var group = GroupOf(in journey);
        if (journey.Touches.IsEmpty)
        {
            // A conversion no touchpoint led to: counted in the group's totals, on no path.
            _key[0] = group;
            Record(_key.AsSpan(0, 1), in journey);
            return;
        }

        _key[0] = group;
        var length = 0;
        long previous = long.MinValue;
        foreach (ref readonly var touch in journey.Touches)
        {
            var part = _query.Level == AttributionLevel.Campaign ? ((long)touch.ChannelId << 32) | (uint)touch.CampaignId : touch.ChannelId;
            if (_query.CollapseRepeats && part == previous)
                continue;
            _key[++length] = part;
            previous = part;
        }

        Record(_key.AsSpan(0, length + 1), in journey);
        if (AttributionJourneys is not null)
            AttributionJourneys.Add((ToAttribution(in journey), journey.Converted, journey.Value));
    }

    private void Record(ReadOnlySpan<long> key, in Journey journey)
    {
        ref var stats = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, key, out _);
        stats ??= new PathStats();
        stats.Journeys++;
        if (!journey.Converted)
            return;
        stats.Conversions++;
        stats.Revenue += journey.Value;
        if (!journey.Touches.IsEmpty)
            (stats.DurationTicks ??= []).Add(journey.Duration.Ticks);
    }

    private long GroupOf(in Journey journey)
    {
        switch (_query.Breakdown)
        {
            case PathBreakdown.Device:
                return (long)journey.ConversionDevice;
            case PathBreakdown.None:
                return 0;
        }

        if (_groupKnown)
            return _group;
        _groupKnown = true;
        _group = _query.Breakdown switch
        {
            PathBreakdown.Acquisition => Acquisition(),
            PathBreakdown.Persona => _audience?.Persona is { } persona ? PersonaGroup(persona) : 0,
            _ => _query.SegmentId is { } segment && _audience is { } audience && audience.Segments.Contains(segment) ? 1 : 0,
        };
        return _group;
    }

    /// <summary>A persona's group number: a 64-bit hash of its key (never 0), its name remembered for the report.</summary>
    private long PersonaGroup(string persona)
    {
        var group = (long)(XxHash64.Hash(System.Text.Encoding.UTF8.GetBytes(persona)) | 1);
        _personas.TryAdd(group, persona);
        return group;
    }

    /// <summary>The channel of the profile's first touchpoint ever (0 when it has none).</summary>
    private long Acquisition()
    {
        foreach (ref readonly var visit in _walker.Visits)
        {
            if (visit.IsTouchpoint)
                return visit.ChannelId;
        }

        return 0;
    }

    private static AttributionTouch[] ToAttribution(in Journey journey)
    {
        var touches = new AttributionTouch[journey.Touches.Length];
        for (var t = 0; t < touches.Length; t++)
        {
            ref readonly var visit = ref journey.Touches[t];
            var hoursBefore = Math.Round((double)(journey.EndTicks - visit.StartTicks) / TimeSpan.TicksPerHour);
            touches[t] = new AttributionTouch(visit.Channel, visit.Campaign, Reference.AddHours(-hoursBefore), journey.Milestones[t]);
        }

        return touches;
    }

    /// <summary>The group name of a group number, as reports show it (null for a persona this accumulator never saw).</summary>
    internal string? GroupName(long group) => _query.Breakdown switch
    {
        PathBreakdown.None => "all",
        PathBreakdown.Acquisition => group == 0 ? "none" : ChannelIds.Name((ushort)group) ?? "none",
        PathBreakdown.Device => DeviceTypes.Name((DeviceType)group),
        PathBreakdown.Segment => group == 1 ? "member" : "not member",
        _ => group == 0 ? "none" : _personas.GetValueOrDefault(group),
    };
}
