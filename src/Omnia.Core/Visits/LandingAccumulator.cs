using Omnia.Core.Audiences;
using Omnia.Core.Goals;
using Omnia.Core.Paths;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;

namespace Omnia.Core.Visits;

/// <summary>A visit's first event (by its log position), whether the visit converted, and for what value.</summary>
/// <param name="Seq">The log position of the visit's first event: read it to learn the landing page.</param>
/// <param name="Channel">The visit's channel.</param>
/// <param name="Converted">Whether a conversion happened during the visit.</param>
/// <param name="Value">The value of the conversions during the visit (or of the conversion it led to, for last touches).</param>
public readonly record struct LandingVisit(long Seq, string Channel, bool Converted, decimal Value);

/// <summary>
/// Collects, for a period, the first events of the visits of some channels (their landing pages, e.g. organic search's)
/// and of the last touchpoint of each conversion (what content brought it). Events in memory keep no URL, so callers
/// read these few events from the log by position.
/// </summary>
public sealed class LandingAccumulator
{
    private readonly JourneyWalker _walker;
    private readonly HashSet<string> _channels;
    private readonly long _from;
    private readonly long _to;
    private readonly List<(int Index, decimal Value)> _lastTouches = [];

    public LandingAccumulator(GoalMatcher goal, VisitOptions options, DateTimeOffset from, DateTimeOffset to, IEnumerable<string> channels)
    {
        _walker = new JourneyWalker(goal, options, from, to);
        _channels = new HashSet<string>(channels, StringComparer.Ordinal);
        (_from, _to) = (from.UtcTicks, to.UtcTicks);
    }

    /// <summary>The visits of the chosen channels that started in the period.</summary>
    public List<LandingVisit> Visits { get; } = [];

    /// <summary>The last touchpoint of each conversion in the period, with the conversion's value.</summary>
    public List<LandingVisit> LastTouches { get; } = [];

    /// <summary>Adds one person (the signature of a <c>DerivedState.Scan</c> visitor).</summary>
    public void Add(ProfileState profile, ReadOnlySpan<ProfileEvent> events, StoredAudience? audience)
    {
        _lastTouches.Clear();
        _walker.Walk(events, this, static (self, in journey) =>
        {
            if (journey.Converted && !journey.Touches.IsEmpty)
                self._lastTouches.Add((journey.Touches[^1].FirstEvent, journey.Value));
        });
        var visits = _walker.Visits;
        foreach (var (index, worth) in _lastTouches)
            LastTouches.Add(new LandingVisit(events[index].Seq, visits[_walker.VisitOfEvent[index]].Channel, true, worth));

        Span<decimal> value = visits.Length <= 256 ? stackalloc decimal[visits.Length] : new decimal[visits.Length];
        Span<bool> converted = visits.Length <= 256 ? stackalloc bool[visits.Length] : new bool[visits.Length];
        value.Clear();
        converted.Clear();
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i].UtcTicks >= _from && events[i].UtcTicks < _to && _walker.Goal.Converts(in events[i]))
            {
                var v = _walker.VisitOfEvent[i];
                converted[v] = true;
                value[v] += _walker.Goal.ValueOf(in events[i]);
            }
        }

        for (var v = 0; v < visits.Length; v++)
        {
            ref readonly var visit = ref visits[v];
            if (visit.StartTicks < _from || visit.StartTicks >= _to || visit.Kind == VisitKind.Message || !_channels.Contains(visit.Channel))
                continue;
            Visits.Add(new LandingVisit(events[visit.FirstEvent].Seq, visit.Channel, converted[v], value[v]));
        }
    }
}
