using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>One call of <see cref="JourneyRuntime"/>: the instance as it moves, and the effects so far.</summary>
internal sealed partial class InstanceRun(CompiledJourney journey, JourneyInstance instance, JourneyContext context)
{
    private readonly List<JourneyEffect> _effects = [];
    private JourneyInstance _instance = instance;

    public JourneyProgress Result() => new(_instance, _effects);

    public void Handle(JourneyInput input)
    {
        if (_instance.Status == InstanceStatus.Exited)
            return;
        FireDueWakes(input.At);
        if (_instance.Status == InstanceStatus.Exited)
            return;
        var now = input.At > _instance.UpdatedAt ? input.At : _instance.UpdatedAt;
        Touch(now);
        switch (input)
        {
            case EventInput e:
                OnEvent(e.Received, now);
                break;
            case SegmentInput s when !s.Entered && _instance.Status == InstanceStatus.Waiting
                && journey.Definition.ExitOn.Any(c => c is SegmentExitCriterion exit && exit.Slug == s.Slug):
                Exit(ExitReason.ExitCriterion, now);
                break;
            case StopInput:
                if (_instance.Status == InstanceStatus.Waiting)
                    Exit(ExitReason.Stopped, now);
                _instance = _instance with { Status = InstanceStatus.Exited, WakeAt = null };
                break;
        }
    }

    private void FireDueWakes(DateTimeOffset until)
    {
        while (_instance.Status != InstanceStatus.Exited && _instance.WakeAt is { } wake && wake <= until)
        {
            Touch(wake);
            if (_instance.Status == InstanceStatus.Observing)
            {
                _instance = _instance with { Status = InstanceStatus.Exited, WakeAt = null };
                return;
            }
            var node = journey.Node(_instance.NodeId);
            _instance = _instance with { WakeAt = null };
            Arrive(node switch
            {
                WaitStep w => w.Next,
                WaitUntilStep u => u.Next,
                WaitForEventStep f => f.OnTimeout,
                _ => throw new InvalidOperationException($"Instance {_instance.Id} has a wake-up at '{node.Id}', which does not wait."),
            }, wake);
        }
    }

    private void OnEvent(ProfileEvent e, DateTimeOffset now)
    {
        if (e.Timestamp < _instance.EnteredAt)
            return;
        if (journey.Definition.Goal is { } goal && _instance.ConvertedAt is null && journey.GoalMatcher!.Matches(e)
            && (goal.MatchKey is null || CompiledJourney.CarriesKey(e, goal.MatchKey, _instance.EntryKey))
            && e.Timestamp < _instance.EnteredAt + goal.Within.ToTimeSpan())
        {
            _instance = _instance with { ConvertedAt = e.Timestamp };
            _effects.Add(new GoalReached(EffectKeys.Once(_instance, "goal"), _instance.ProfileId, _instance.NodeId, now,
                _instance.Variants, _instance.Visits.Nodes));
            if (_instance.Status == InstanceStatus.Observing)
            {
                _instance = _instance with { Status = InstanceStatus.Exited, WakeAt = null };
                return;
            }
        }
        if (_instance.Status != InstanceStatus.Waiting)
            return;
        // Another trigger event for the same key (a second add to the same cart) starts nothing new; it joins this one.
        if (journey.Definition.Trigger is EventTrigger { Key: { } key } && journey.TriggerMatcher!.Matches(e)
            && CompiledJourney.CarriesKey(e, key, _instance.EntryKey) && _instance.KeyedEvents.Count < JourneyRuntime.MaxKeyedEvents)
            _instance = _instance with { KeyedEvents = [.. _instance.KeyedEvents, e.Properties] };
        foreach (var (matcher, matchKey) in journey.ExitMatchers)
        {
            if (matcher.Matches(e) && (matchKey is null || CompiledJourney.CarriesKey(e, matchKey, _instance.EntryKey)))
            {
                Exit(ExitReason.ExitCriterion, now);
                return;
            }
        }
        if (journey.Node(_instance.NodeId) is WaitForEventStep wait && e.Timestamp >= _instance.StepStartedAt
            && journey.WaitMatcher(wait.Id).Matches(e)
            && (wait.MatchKey is null || CompiledJourney.CarriesKey(e, wait.MatchKey, _instance.EntryKey)))
        {
            _instance = _instance with { WakeAt = null };
            Arrive(wait.OnEvent, now);
        }
    }

    /// <summary>Leaves the steps: an exit effect, then watching for the goal until its window closes, or done.</summary>
    private void Exit(ExitReason reason, DateTimeOffset at)
    {
        _effects.Add(new ExitJourney(EffectKeys.Once(_instance, "exit"), _instance.ProfileId, _instance.NodeId, at, reason));
        var deadline = journey.Definition.Goal is { } goal ? _instance.EnteredAt + goal.Within.ToTimeSpan() : (DateTimeOffset?)null;
        var observe = reason != ExitReason.Stopped && _instance.ConvertedAt is null && deadline > at;
        _instance = _instance with
        {
            Status = observe ? InstanceStatus.Observing : InstanceStatus.Exited,
            WakeAt = observe ? deadline : null,
            ExitReason = reason,
            ExitedAt = at,
        };
    }

    private void Touch(DateTimeOffset at)
    {
        if (at > _instance.UpdatedAt)
            _instance = _instance with { UpdatedAt = at };
    }
}
