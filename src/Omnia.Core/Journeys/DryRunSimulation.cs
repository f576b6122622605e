using System.Text.Json;
using Omnia.Core.Profiles;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>One profile's replay: the simulated clock, the profile as it stands, its instances and what they did.</summary>
internal sealed class DryRunSimulation
{
    private readonly CompiledJourney _journey;
    private readonly ProfileHistory _history;
    private readonly DryRunOptions _options;
    private readonly ProfileEvent[] _events;
    private readonly SegmentChange[] _changes;
    private readonly TraitSnapshot[] _traits;
    private readonly IReadOnlyList<DateTimeOffset> _broadcasts;
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly List<JourneyInstance> _instances = [];
    private readonly List<JourneyEffect> _effects = [];
    private readonly List<EntryDecision> _refused = [];
    private ProfileState _profile;
    private long _nextId;
    private int _eventsSeen;

    public DryRunSimulation(CompiledJourney journey, ProfileHistory history, DryRunOptions options, long firstInstanceId)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        _journey = journey;
        _history = history;
        _options = options;
        _nextId = firstInstanceId;
        _profile = Copy(history.Profile);
        _events = history.Events.OrderBy(e => e.Timestamp).ToArray();
        _changes = history.SegmentChanges.OrderBy(c => c.At).ToArray();
        _traits = history.Traits.Where(t => t.At >= options.From).OrderBy(t => t.At).ToArray();
        _broadcasts = journey.Definition.Trigger is ScheduleTrigger schedule ? schedule.Occurrences(options.From, options.To) : [];
    }

    public ProfileDryRun Run()
    {
        var (from, to) = (_options.From, _options.To);
        while (_eventsSeen < _events.Length && _events[_eventsSeen].Timestamp < from)
            _eventsSeen++;
        var change = 0;
        for (; change < _changes.Length && _changes[change].At < from; change++)
            Apply(_changes[change]);
        if (_journey.Definition.Trigger is SegmentTrigger { } segment && !_journey.Definition.Entry.EdgeTriggered
            && _members.Contains(segment.Slug) == (segment.Edge == SegmentEdge.Entry))
        {
            Enter(TriggerInput.Segment(segment.Slug, segment.Edge == SegmentEdge.Entry, from, MembershipChange.Existing));
        }

        int trait = 0, broadcast = 0;
        var nextDate = NextDate(from.AddTicks(-1));
        while (true)
        {
            // The earliest happening; at equal instants wake-ups go first, then traits, segments, events, dates, broadcasts.
            var wake = _instances.Where(i => i.WakeAt is not null).Select(i => i.WakeAt!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var candidates = new[]
            {
                wake,
                trait < _traits.Length ? _traits[trait].At : DateTimeOffset.MaxValue,
                change < _changes.Length ? _changes[change].At : DateTimeOffset.MaxValue,
                _eventsSeen < _events.Length ? _events[_eventsSeen].Timestamp : DateTimeOffset.MaxValue,
                nextDate?.At ?? DateTimeOffset.MaxValue,
                broadcast < _broadcasts.Count ? _broadcasts[broadcast] : DateTimeOffset.MaxValue,
            };
            var at = candidates.Min();
            if (at >= to)
                break;
            switch (Array.IndexOf(candidates, at))
            {
                case 0:
                    Advance(JourneyInput.Time(at));
                    break;
                case 1:
                    Apply(_traits[trait++]);
                    nextDate = NextDate(at.AddTicks(-1));
                    break;
                case 2:
                    var c = _changes[change++];
                    Apply(c);
                    Advance(JourneyInput.Segment(c.Slug, c.Entered, c.At));
                    Enter(TriggerInput.Segment(c.Slug, c.Entered, c.At));
                    break;
                case 3:
                    var e = _events[_eventsSeen++];
                    Advance(JourneyInput.Event(e));
                    Enter(TriggerInput.Event(e));
                    break;
                case 4:
                    Enter(TriggerInput.Date(nextDate!.Value));
                    nextDate = NextDate(at);
                    break;
                default:
                    var occurrence = _broadcasts[broadcast++];
                    if (_members.Contains(((ScheduleTrigger)_journey.Definition.Trigger).Segment))
                        Enter(TriggerInput.Schedule(occurrence));
                    break;
            }
        }
        return new ProfileDryRun(_history.Profile.Id, _effects, _instances, _refused);
    }

    private void Enter(TriggerInput input)
    {
        var decision = JourneyEntry.Decide(_journey, input, new EntryHistory(_instances.Select(EntryRecord.Of).ToList()));
        if (!decision.Enters)
        {
            if (decision.Outcome != EntryOutcome.NotTriggered)
                _refused.Add(decision);
            return;
        }
        var progress = JourneyRuntime.Start(_journey, decision, _nextId++, _history.Profile.Id, Context(input.At));
        _instances.Add(progress.Instance);
        _effects.AddRange(progress.Effects);
    }

    private void Advance(JourneyInput input)
    {
        for (var i = 0; i < _instances.Count; i++)
        {
            if (_instances[i].Status == InstanceStatus.Exited)
                continue;
            var progress = JourneyRuntime.Advance(_journey, _instances[i], input, Context(input.At));
            _instances[i] = progress.Instance;
            _effects.AddRange(progress.Effects);
        }
    }

    private JourneyContext Context(DateTimeOffset at)
    {
        var profile = _profile;
        var seen = _eventsSeen;
        return new JourneyContext(() => new ProfileFacts(profile, new ArraySegment<ProfileEvent>(_events, 0, seen)) { Audience = _options.Audience })
        {
            TimeZone = _history.TimeZone,
            IsMemberOf = _members.Contains,
            IsReachable = _options.IsReachable is { } reachable ? channel => reachable(profile, channel) : null,
        };
    }

    private DateOccurrence? NextDate(DateTimeOffset after) =>
        _journey.Definition.Trigger is DateTrigger date && _profile.Traits.TryGetValue(date.Trait, out var value)
            ? date.NextOccurrence(value.Value, _history.TimeZone, after)
            : null;

    private void Apply(SegmentChange change)
    {
        if (change.Entered)
            _members.Add(change.Slug);
        else
            _members.Remove(change.Slug);
    }

    private void Apply(TraitSnapshot snapshot)
    {
        _profile = Copy(_profile); // contexts handed out earlier keep the profile as it was
        foreach (var (name, value) in snapshot.Traits)
        {
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                _profile.Traits.Remove(name);
            else
                _profile.Traits[name] = new TraitValue(value, snapshot.At);
        }
    }

    private static ProfileState Copy(ProfileState p) => new()
    {
        Id = p.Id,
        WorkspaceId = p.WorkspaceId,
        Traits = new(p.Traits, StringComparer.Ordinal),
        FirstSeen = p.FirstSeen,
        LastSeen = p.LastSeen,
        EventCount = p.EventCount,
        OrderCount = p.OrderCount,
        Revenue = p.Revenue,
        LastOrderAt = p.LastOrderAt,
        Acquisition = p.Acquisition,
        Consent = new(p.Consent, StringComparer.Ordinal),
        ChannelCounts = new(p.ChannelCounts, StringComparer.Ordinal),
        CategoryCounts = new(p.CategoryCounts, StringComparer.Ordinal),
    };
}
