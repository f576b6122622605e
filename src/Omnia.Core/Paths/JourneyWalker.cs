using System.Runtime.InteropServices;
using Omnia.Core.Attribution;
using Omnia.Core.Goals;
using Omnia.Core.Segments;
using Omnia.Core.Touchpoints;
using Omnia.Core.Visits;

namespace Omnia.Core.Paths;

/// <summary>
/// Turns one profile's events into its buyer journeys for a goal and a period. A conversion's path is the touchpoints
/// (visits that count for the goal, <see cref="GoalTouchpoints"/>) that started within the goal's lookback before it
/// and after the profile's previous conversion; a repeat conversion with no new touchpoint gets the last one in its
/// lookback. Conversions in [from, to) count. The touchpoints that started in [from, to) after the last conversion
/// form one journey that did not convert (limited to the lookback before its last touchpoint). At most
/// <see cref="MaxTouches"/> touchpoints are kept per journey, the latest. One walker per thread: it reuses its buffers.
/// </summary>
/// <param name="goal">The goal walked to.</param>
/// <param name="options">How events are cut into visits.</param>
/// <param name="from">Conversions from this instant count…</param>
/// <param name="to">…up to this one.</param>
/// <param name="milestones">Whether to mark the touchpoints that created a lead or an opportunity (only W-shaped attribution reads them).</param>
public sealed class JourneyWalker(GoalMatcher goal, VisitOptions options, DateTimeOffset from, DateTimeOffset to, bool milestones = false)
{
    /// <summary>The most touchpoints a journey keeps (the latest ones).</summary>
    public const int MaxTouches = 64;

    private readonly long _from = from.UtcTicks;
    private readonly long _to = to.UtcTicks;
    private readonly List<Visit> _visits = [];
    private int[] _visitOf = new int[256];
    private int _eventCount;
    private JourneyMilestone[] _visitMilestones = new JourneyMilestone[64];
    private readonly Visit[] _touches = new Visit[MaxTouches];
    private readonly JourneyMilestone[] _touchMilestones = new JourneyMilestone[MaxTouches];
    private readonly Dictionary<string, JourneyMilestone> _milestones = new(ReferenceEqualityComparer.Instance);
    private string? _lastName;
    private JourneyMilestone _lastMilestone;

    /// <summary>The goal walked to.</summary>
    public GoalMatcher Goal => goal;

    /// <summary>The visits of the profile walked last (all of them, touchpoints or not).</summary>
    public ReadOnlySpan<Visit> Visits => CollectionsMarshal.AsSpan(_visits);

    /// <summary>For each event of the profile walked last, the index of its visit in <see cref="Visits"/>.</summary>
    public ReadOnlySpan<int> VisitOfEvent => _visitOf.AsSpan(0, _eventCount);

    /// <summary>Whether the profile walked last counts <paramref name="visit"/> as a touchpoint for the goal.</summary>
    public bool Counts(in Visit visit) => goal.Counts(in visit);

    /// <summary>Sessionises <paramref name="events"/> and hands each journey to <paramref name="onJourney"/>, in time order.</summary>
    public void Walk<TState>(ReadOnlySpan<ProfileEvent> events, TState state, JourneyHandler<TState> onJourney)
    {
        ArgumentNullException.ThrowIfNull(onJourney);
        if (_visitOf.Length < events.Length)
            _visitOf = new int[Math.Max(events.Length, _visitOf.Length * 2)];
        _eventCount = events.Length;
        Sessionizer.Split(events, options, _visits, _visitOf.AsSpan(0, events.Length));
        var visits = CollectionsMarshal.AsSpan(_visits);
        if (_visitMilestones.Length < visits.Length)
            _visitMilestones = new JourneyMilestone[Math.Max(visits.Length, _visitMilestones.Length * 2)];
        _visitMilestones.AsSpan(0, visits.Length).Clear();

        var lookback = goal.LookbackTicks;
        var previous = long.MinValue;
        var started = 0; // visits that started at or before the current event
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (milestones && MilestoneOf(e.Name) is var milestone and not JourneyMilestone.None)
                _visitMilestones[_visitOf[i]] |= milestone;
            if (!goal.Converts(in e))
                continue;
            var at = e.UtcTicks;
            if (at >= _to)
                break;
            while (started < visits.Length && visits[started].StartTicks <= at)
                started++;
            if (at >= _from)
            {
                var count = Collect(visits, started, Math.Max(previous, at - lookback - 1));
                if (count == 0)
                    count = Collect(visits, started, at - lookback - 1, onlyLast: true);
                var device = e.Device != DeviceType.Unknown ? e.Device : LastKnownDevice(count);
                onJourney(state, new Journey(_touches.AsSpan(MaxTouches - count, count), _touchMilestones.AsSpan(MaxTouches - count, count), true, goal.ValueOf(in e), at, device));
            }

            previous = at;
        }

        // The touchpoints in the period after the last conversion: a journey that has not converted (yet).
        var end = 0;
        while (end < visits.Length && visits[end].StartTicks < _to)
            end++;
        var last = end - 1;
        while (last >= 0 && !goal.Counts(in visits[last]))
            last--;
        if (last < 0 || visits[last].StartTicks < _from || visits[last].StartTicks <= previous)
            return;
        var floor = Math.Max(Math.Max(previous, _from - 1), visits[last].StartTicks - lookback - 1);
        var open = Collect(visits, last + 1, floor);
        onJourney(state, new Journey(_touches.AsSpan(MaxTouches - open, open), _touchMilestones.AsSpan(MaxTouches - open, open), false, 0, visits[last].StartTicks, LastKnownDevice(open)));
    }

    /// <summary>
    /// The milestone an event name marks, remembered per name string: event names in memory are interned, so a lookup
    /// by reference costs a few nanoseconds where hashing the text would cost tens, for every event of a scan.
    /// </summary>
    private JourneyMilestone MilestoneOf(string? name)
    {
        if (name is null)
            return JourneyMilestone.None;
        if (ReferenceEquals(name, _lastName))
            return _lastMilestone;
        if (_milestones.Count > 4096)
            _milestones.Clear();
        ref var milestone = ref CollectionsMarshal.GetValueRefOrAddDefault(_milestones, name, out var known);
        if (!known)
            milestone = JourneyMilestones.Of(name);
        (_lastName, _lastMilestone) = (name, milestone);
        return milestone;
    }

    /// <summary>
    /// Fills the end of the touch buffer with the counting visits among the first <paramref name="started"/> that
    /// started after <paramref name="floor"/>, latest last (only the latest one when <paramref name="onlyLast"/>);
    /// returns how many.
    /// </summary>
    private int Collect(ReadOnlySpan<Visit> visits, int started, long floor, bool onlyLast = false)
    {
        var count = 0;
        for (var v = started - 1; v >= 0 && count < MaxTouches; v--)
        {
            ref readonly var visit = ref visits[v];
            if (visit.StartTicks <= floor)
                break;
            if (!goal.Counts(in visit))
                continue;
            count++;
            _touches[MaxTouches - count] = visit;
            _touchMilestones[MaxTouches - count] = _visitMilestones[v];
            if (onlyLast)
                break;
        }

        return count;
    }

    private DeviceType LastKnownDevice(int count)
    {
        for (var t = MaxTouches - 1; t >= MaxTouches - count; t--)
        {
            if (_touches[t].Device != DeviceType.Unknown)
                return _touches[t].Device;
        }

        return DeviceType.Unknown;
    }
}
