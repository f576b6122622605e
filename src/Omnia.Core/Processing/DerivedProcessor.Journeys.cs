using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Events;
using Omnia.Core.Journeys;
using Omnia.Core.Messaging;
using Omnia.Core.Segments;

namespace Omnia.Core.Processing;

/// <summary>
/// The journey engine, inside the processor: every event of a profile goes to its live journey instances, then
/// starts new ones whose trigger it matches; segment entries and exits do the same; timers wake waiting instances
/// and bring date triggers and broadcasts round. Instances live with their profile in the derived state (so they
/// are partitioned, snapshotted and recovered with it); their side effects go to an outbox under idempotency keys,
/// so a replay after a crash writes nothing twice. Everything runs under the write lock, on the processing thread.
/// </summary>
public sealed partial class DerivedProcessor
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);
    private readonly Dictionary<int, JourneyModel> _journeys = [];
    private readonly Dictionary<int, AudienceModel> _audienceModels = [];
    private readonly HashSet<(long JourneyId, int Version)> _datesScheduled = [];
    private readonly List<OutboxItem> _outbox = [];

    /// <summary>Items for the outbox since the last call, in the order they arose.</summary>
    public IReadOnlyList<OutboxItem> DrainOutbox()
    {
        if (_outbox.Count == 0)
            return [];
        var drained = _outbox.ToArray();
        _outbox.Clear();
        return drained;
    }

    /// <summary>The journeys to run from now on (call it with the current models before <see cref="Apply"/>).</summary>
    public void UseJourneys(IReadOnlyList<JourneyModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _journeys.Clear();
        foreach (var model in models)
            _journeys[model.WorkspaceId] = model;
        var fresh = models.SelectMany(m => m.Live.Where(j => j.Definition.Trigger is DateTrigger && !_datesScheduled.Contains((j.JourneyId, j.Version)))
            .Select(j => (Model: m, Journey: j))).ToList();
        var now = state.LastNow;
        if (fresh.Count == 0 || now == DateTimeOffset.MinValue)
            return; // date triggers are scheduled from the first run's clock on
        state.Lock.EnterWriteLock();
        try
        {
            foreach (var (model, journey) in fresh)
            {
                _datesScheduled.Add((journey.JourneyId, journey.Version));
                foreach (var partition in state.Partitions)
                {
                    foreach (var entry in partition.Values)
                    {
                        if (entry.WorkspaceId == model.WorkspaceId)
                            ScheduleDate(entry, journey, now);
                    }
                }
            }
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Wakes the journey instances and date triggers due at <paramref name="now"/> and sends the broadcasts due; at
    /// most about <paramref name="budget"/> wake-ups. Returns how many it handled.
    /// </summary>
    public int RunJourneys(DateTimeOffset now, int budget = 5_000)
    {
        state.LastNow = now;
        if (_journeys.Count == 0 && state.JourneyTimers.Count == 0)
            return 0;
        int handled = 0;
        state.Lock.EnterWriteLock();
        try
        {
            var nowTicks = now.UtcTicks;
            while (handled < budget && state.JourneyTimers.TryPeek(out var wake, out var due) && due <= nowTicks)
            {
                state.JourneyTimers.Dequeue();
                if (state.Entry(wake.ProfileId) is not { } entry || !_journeys.TryGetValue(entry.WorkspaceId, out var model))
                    continue;
                handled += wake.InstanceId != 0 ? WakeInstance(entry, model, wake.InstanceId, due, now) : WakeDate(entry, model, wake.DateJourneyId, due, now);
            }

            foreach (var model in _journeys.Values)
            {
                foreach (var journey in model.Live.Where(j => j.Definition.Trigger is ScheduleTrigger))
                    handled += Broadcast(model, journey, now);
            }
        }
        finally
        {
            state.Lock.ExitWriteLock();
        }

        return handled;
    }

    /// <summary>When the earliest journey timer is due, or null.</summary>
    public DateTimeOffset? NextJourneyTimer()
    {
        DateTimeOffset? next = state.JourneyTimers.TryPeek(out _, out var due) ? new DateTimeOffset(due, TimeSpan.Zero) : null;
        foreach (var ticks in state.NextBroadcasts.Values)
            next = next is { } n && n.UtcTicks <= ticks ? n : new DateTimeOffset(ticks, TimeSpan.Zero);
        return next;
    }

    /// <summary>An event of the profile: to its live instances first, then to the triggers it may start. Under the write lock.</summary>
    private void JourneysOnEvent(ProfileEntry entry, LogEvent e, JsonElement root, in ProfileEvent kept, DateTimeOffset now)
    {
        if (!_journeys.TryGetValue(entry.WorkspaceId, out var model))
            return;
        if (entry.Instances.Length == 0 && model.Live.All(j => j.Definition.Trigger is not EventTrigger and not DateTrigger))
            return;

        // Journeys see every property of the event (the cart's items), not only those segments keep.
        var full = kept.WithProperties(root.TryGetProperty("properties", out var p) ? EventProperties.FromJson(p) : default);
        var context = Context(entry);
        foreach (var instance in entry.Instances)
        {
            if (model.Version(instance.JourneyId, instance.Version) is { } journey)
                Handle(entry, journey, instance, JourneyRuntime.Advance(journey, instance, JourneyInput.Event(full), context));
        }

        foreach (var journey in model.Live)
        {
            switch (journey.Definition.Trigger)
            {
                case EventTrigger:
                    TryStart(entry, journey, TriggerInput.Event(full), context);
                    break;
                case DateTrigger date when e.Type == EventType.Identify && entry.State.Traits.ContainsKey(date.Trait):
                    ScheduleDate(entry, journey, now);
                    break;
            }
        }
    }

    /// <summary>The profile entered or left a segment: to its live instances (exit criteria), then to segment triggers.</summary>
    private void JourneysOnSegment(ProfileEntry entry, long segmentId, bool entered, DateTimeOffset at, TransitionReason reason)
    {
        if (reason == TransitionReason.Merge || !_journeys.TryGetValue(entry.WorkspaceId, out var model)
            || !_audienceModels.TryGetValue(entry.WorkspaceId, out var audience)
            || audience.Segments.FirstOrDefault(s => s.Id == segmentId)?.Slug is not { } slug)
            return;
        var context = Context(entry);
        foreach (var instance in entry.Instances)
        {
            if (model.Version(instance.JourneyId, instance.Version) is { } journey)
                Handle(entry, journey, instance, JourneyRuntime.Advance(journey, instance, JourneyInput.Segment(slug, entered, at), context));
        }

        var change = reason == TransitionReason.Recompute ? MembershipChange.Recompute : MembershipChange.Transition;
        foreach (var journey in model.Live)
        {
            if (journey.Definition.Trigger is SegmentTrigger trigger && trigger.Slug == slug)
                TryStart(entry, journey, TriggerInput.Segment(slug, entered, at, change), context);
        }
    }

    /// <summary>A merged-away profile's instances, entries and date triggers carry on with the survivor.</summary>
    private void JourneysOnMerge(ProfileEntry from, ProfileEntry into)
    {
        if (from.Instances.Length == 0 && from.EntryLog.Length == 0)
            return;
        var moved = from.Instances.Select(i => i with { ProfileId = into.Id }).ToArray();
        into.Instances = [.. into.Instances, .. moved];
        into.EntryLog = [.. into.EntryLog, .. from.EntryLog];
        foreach (var instance in moved)
        {
            if (instance.WakeAt is { } wake)
                state.JourneyTimers.Enqueue(new JourneyWake(into.Id, instance.Id, 0), wake.UtcTicks);
        }
    }

    private int WakeInstance(ProfileEntry entry, JourneyModel model, long instanceId, long due, DateTimeOffset now)
    {
        var instance = entry.Instances.FirstOrDefault(i => i.Id == instanceId);
        if (instance?.WakeAt?.UtcTicks != due || model.Version(instance.JourneyId, instance.Version) is not { } journey)
            return 0; // stale: moved on since, or its version is gone
        state.BeforeChange(entry);
        Handle(entry, journey, instance, JourneyRuntime.Advance(journey, instance, JourneyInput.Time(now), Context(entry)));
        return 1;
    }

    private int WakeDate(ProfileEntry entry, JourneyModel model, long journeyId, long due, DateTimeOffset now)
    {
        var at = Array.FindIndex(entry.DateWakes, w => w.JourneyId == journeyId && w.Next.At.UtcTicks == due);
        if (at < 0)
            return 0;
        var occurrence = entry.DateWakes[at].Next;
        state.BeforeChange(entry);
        entry.DateWakes = [.. entry.DateWakes.Where((_, i) => i != at)];
        if (model.Live.FirstOrDefault(j => j.JourneyId == journeyId) is not { Definition.Trigger: DateTrigger } journey)
            return 0;
        TryStart(entry, journey, TriggerInput.Date(occurrence), Context(entry));
        ScheduleDate(entry, journey, occurrence.At);
        return 1;
    }

    /// <summary>Members a broadcast starts per pass of <see cref="RunJourneys"/>.</summary>
    public const int BroadcastChunk = 20_000;

    private int Broadcast(JourneyModel model, CompiledJourney journey, DateTimeOffset now)
    {
        var trigger = (ScheduleTrigger)journey.Definition.Trigger;
        if (!state.NextBroadcasts.TryGetValue(journey.JourneyId, out var nextTicks))
        {
            // First seen (just published): the first broadcast is the next occurrence, none from the past.
            var first = trigger.At is { } once && once > now ? once : trigger.NextOccurrence(now);
            if (first is { } f)
                state.NextBroadcasts[journey.JourneyId] = f.UtcTicks;
            return 0;
        }

        if (nextTicks > now.UtcTicks)
            return 0;
        var occurrence = new DateTimeOffset(nextTicks, TimeSpan.Zero);
        int seen = 0;
        if (_audienceModels.TryGetValue(model.WorkspaceId, out var audience)
            && audience.Segments.FirstOrDefault(s => s.Slug == trigger.Segment) is { } segment
            && state.Members.TryGetValue(segment.Id, out var members))
        {
            // A chunk of members per pass, so events keep flowing (and the outbox is written) during a big broadcast.
            var after = state.BroadcastCursors.GetValueOrDefault(journey.JourneyId, long.MinValue);
            var chunk = members.After(after, BroadcastChunk);
            foreach (var id in chunk)
            {
                if (state.Entry(model.WorkspaceId, id) is { } entry)
                    TryStart(entry, journey, TriggerInput.Schedule(occurrence), Context(entry));
            }

            seen = chunk.Count;
            if (seen == BroadcastChunk)
            {
                state.BroadcastCursors[journey.JourneyId] = chunk[^1];
                return seen;
            }
        }

        // Done with this occurrence: on to the next one (a cron), or no more.
        state.BroadcastCursors.Remove(journey.JourneyId);
        if (trigger.NextOccurrence(occurrence) is { } following && trigger.Cron is not null)
            state.NextBroadcasts[journey.JourneyId] = following.UtcTicks;
        else
            state.NextBroadcasts.Remove(journey.JourneyId);
        return seen;
    }

    /// <summary>Computes when a date trigger next comes round for the profile, and sets its timer.</summary>
    private void ScheduleDate(ProfileEntry entry, CompiledJourney journey, DateTimeOffset after)
    {
        var trigger = (DateTrigger)journey.Definition.Trigger;
        if (!entry.State.Traits.TryGetValue(trigger.Trait, out var value) || trigger.NextOccurrence(value.Value, ZoneOf(entry), after) is not { } next)
            return;
        var at = Array.FindIndex(entry.DateWakes, w => w.JourneyId == journey.JourneyId);
        if (at >= 0 && entry.DateWakes[at].Next == next)
            return;
        state.BeforeChange(entry);
        entry.DateWakes = [.. entry.DateWakes.Where(w => w.JourneyId != journey.JourneyId), (journey.JourneyId, next)];
        state.JourneyTimers.Enqueue(new JourneyWake(entry.Id, 0, journey.JourneyId), next.At.UtcTicks);
    }

    private bool TryStart(ProfileEntry entry, CompiledJourney journey, TriggerInput trigger, JourneyContext context)
    {
        var decision = JourneyEntry.Decide(journey, trigger, History(entry, journey.JourneyId));
        if (!decision.Enters)
            return false;
        state.BeforeChange(entry);
        var progress = JourneyRuntime.Start(journey, decision, InstanceId(journey.JourneyId, entry.Id, decision), entry.Id, context);
        Counters(journey.JourneyId).Entries++;
        Handle(entry, journey, null, progress);
        return true;
    }

    /// <summary>Stores an instance's move: the instance, its timer, its counts and its side effects (to the outbox).</summary>
    private void Handle(ProfileEntry entry, CompiledJourney journey, JourneyInstance? before, JourneyProgress progress)
    {
        var instance = progress.Instance;
        if (before is not null && progress.Effects.Count == 0 && instance.Equals(before))
            return;
        state.BeforeChange(entry);
        var counters = Counters(journey.JourneyId);
        counters.Active += (instance.Status == InstanceStatus.Waiting ? 1 : 0) - (before?.Status == InstanceStatus.Waiting ? 1 : 0);
        foreach (var variant in instance.Variants.Skip(before?.Variants.Count ?? 0))
        {
            var (assigned, converted) = counters.Variants.GetValueOrDefault((variant.Split, variant.Variant));
            counters.Variants[(variant.Split, variant.Variant)] = (assigned + 1, converted);
        }

        foreach (var effect in progress.Effects)
        {
            switch (effect)
            {
                case EnteredStep step:
                    counters.StepArrivals[step.NodeId] = counters.StepArrivals.GetValueOrDefault(step.NodeId) + 1;
                    break;
                case ExitJourney exit:
                    counters.Exits[exit.Reason] = counters.Exits.GetValueOrDefault(exit.Reason) + 1;
                    break;
                case GoalReached goal:
                    counters.Conversions++;
                    foreach (var variant in goal.Variants)
                    {
                        var (assigned, converted) = counters.Variants.GetValueOrDefault((variant.Split, variant.Variant));
                        counters.Variants[(variant.Split, variant.Variant)] = (assigned, converted + 1);
                    }

                    break;
                case ScheduleWake:
                    break; // the instance's WakeAt sets the timer below
                default:
                    if (OutboxItem.From(entry.WorkspaceId, journey, effect) is { } item)
                        _outbox.Add(item);
                    break;
            }
        }

        var others = entry.Instances.Where(i => i.Id != instance.Id);
        if (instance.Status == InstanceStatus.Exited)
        {
            entry.Instances = [.. others];
            entry.EntryLog = [.. entry.EntryLog, (journey.JourneyId, EntryRecord.Of(instance))];
        }
        else
        {
            entry.Instances = [.. others, instance];
            if (instance.WakeAt is { } wake && wake != before?.WakeAt)
                state.JourneyTimers.Enqueue(new JourneyWake(entry.Id, instance.Id, 0), wake.UtcTicks);
        }
    }

    private JourneyCounters Counters(long journeyId)
    {
        if (!state.JourneyCounters.TryGetValue(journeyId, out var counters))
        {
            counters = new JourneyCounters();
            state.JourneyCounters[journeyId] = counters;
        }

        return counters;
    }

    private static EntryHistory History(ProfileEntry entry, long journeyId) => new(
        [.. entry.EntryLog.Where(e => e.JourneyId == journeyId).Select(e => e.Record),
         .. entry.Instances.Where(i => i.JourneyId == journeyId).Select(EntryRecord.Of)]);

    /// <summary>
    /// An instance id that depends only on the journey, the profile, when it entered and its key, so that a replay
    /// after a crash gives the instance (and so every effect key) the same id.
    /// </summary>
    private static long InstanceId(long journeyId, long profileId, EntryDecision decision)
    {
        var text = $"{journeyId}|{profileId}|{decision.At.UtcTicks}|{decision.Key}";
        return (long)(XxHash64.Hash(Encoding.UTF8.GetBytes(text)) & long.MaxValue) | 1;
    }

    private JourneyContext Context(ProfileEntry entry)
    {
        var audience = _audienceModels.GetValueOrDefault(entry.WorkspaceId);
        return new JourneyContext(() => new ProfileFacts(entry.State, entry.EventList)
        {
            Audience = audience?.Context ?? AudienceContext.Default,
            Persona = entry.Audience?.Persona,
            LifecycleStage = entry.Audience?.LifecycleStage,
        })
        {
            TimeZone = ZoneOf(entry),
            IsMemberOf = slug => audience?.Segments.FirstOrDefault(s => s.Slug == slug) is { } segment
                && entry.Audience is { } stored && stored.Segments.Contains(segment.Id),
            IsReachable = channel => IsReachable(entry, channel),
        };
    }

    /// <summary>An address on the channel (<see cref="ChannelAddresses"/>) and consent as the workspace's contact policy requires.</summary>
    private bool IsReachable(ProfileEntry entry, string channel)
    {
        var policy = _journeys.TryGetValue(entry.WorkspaceId, out var model) ? model.Policy : ContactPolicy.Default;
        var identifiers = state.Workspaces.TryGetValue(entry.WorkspaceId, out var workspace) ? workspace.Graph.IdentifiersOf(entry.Id) : [];
        return ContactRules.IsReachable(policy, channel, ChannelAddresses.For(channel, entry.State, identifiers) is not null, entry.State.Consent);
    }

    /// <summary>The profile's time zone: its <c>timezone</c> trait when that names a known zone (IANA), else UTC.</summary>
    private static TimeZoneInfo ZoneOf(ProfileEntry entry)
    {
        foreach (var name in (ReadOnlySpan<string>)["timezone", "timeZone", "time_zone"])
        {
            if (entry.State.Traits.TryGetValue(name, out var trait) && trait.Value.String is { Length: > 0 } id)
            {
                var zone = Zones.GetOrAdd(id, static z => TimeZoneInfo.TryFindSystemTimeZoneById(z, out var found) ? found : null);
                if (zone is not null)
                    return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }
}
