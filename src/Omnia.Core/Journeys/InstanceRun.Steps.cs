using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>What each step does when an instance arrives at it.</summary>
internal sealed partial class InstanceRun
{
    /// <summary>Arrives at <paramref name="nodeId"/> at <paramref name="at"/> and runs on until a step pauses or the instance exits.</summary>
    public void Arrive(string nodeId, DateTimeOffset at)
    {
        Touch(at);
        for (string? next = nodeId; next is not null;)
        {
            var node = journey.Node(next);
            var visit = _instance.Visits.Of(node.Id) + 1;
            _instance = _instance with { NodeId = node.Id, StepStartedAt = at, Visits = _instance.Visits.Increment(node.Id) };
            if (visit > JourneyRuntime.MaxVisitsPerStep)
            {
                Exit(ExitReason.LoopLimit, at);
                return;
            }
            _effects.Add(new EnteredStep(Key(node, visit, "step"), _instance.ProfileId, node.Id, at, visit));
            next = Run(node, visit, at);
        }
    }

    /// <summary>Does what <paramref name="node"/> does; the id of the step to go on to at once, or null to stop here.</summary>
    private string? Run(JourneyStep node, int visit, DateTimeOffset at)
    {
        switch (node)
        {
            case WaitStep wait:
                return Sleep(node, visit, at, at + wait.Duration.ToTimeSpan());
            case WaitForEventStep waitFor:
                return Sleep(node, visit, at, at + waitFor.Timeout.ToTimeSpan());
            case WaitUntilStep until:
                return WaitUntil(until, visit, at);
            case ConditionStep condition:
                return Holds(condition, at) ? condition.Then : condition.Else;
            case SplitStep split:
                var variant = VariantAssigner.Assign(journey.JourneyId, _instance.ProfileId, split);
                _instance = _instance with { Variants = [.. _instance.Variants, new VariantAssignment(split.Id, variant)] };
                if (variant != SplitStep.ControlName)
                    return split.Variants.First(v => v.Name == variant).Next;
                Exit(ExitReason.Control, at);
                return null;
            case SendStep send:
                var channel = send.Channel == SendStep.Chosen
                    ? _instance.Channel ?? throw new InvalidOperationException($"Send step '{send.Id}' has no chosen channel.")
                    : send.Channel;
                var key = Key(node, visit, "send");
                _effects.Add(new SendMessage(key, _instance.ProfileId, node.Id, at, send.Content, channel, _instance.EntryKey, _instance.EntryProperties)
                {
                    KeyedEvents = _instance.KeyedEvents.Count == 0 ? null : _instance.KeyedEvents,
                });
                _instance = _instance with
                {
                    Messages = [.. _instance.Messages.Where(m => m.Node != send.Id), new SentMessage(send.Id, key, channel, at)],
                };
                return send.Next;
            case ChooseChannelStep choose:
                var chosen = Choose(choose, at);
                if (chosen is not null)
                {
                    _instance = _instance with { Channel = chosen };
                    return choose.Next;
                }
                if (choose.None is not null)
                    return choose.None;
                Exit(ExitReason.Unreachable, at);
                return null;
            case UpdateProfileStep update:
                _effects.Add(new UpdateProfile(Key(node, visit, "update"), _instance.ProfileId, node.Id, at, update.Traits));
                return update.Next;
            case WebhookStep webhook:
                _effects.Add(new CallWebhook(Key(node, visit, "webhook"), _instance.ProfileId, node.Id, at, webhook.Url, webhook.Method, webhook.Body,
                    _instance.EntryKey, _instance.EntryProperties));
                return webhook.Next;
            case JumpStep jump:
                return jump.To;
            case ExitStep:
                Exit(ExitReason.Completed, at);
                return null;
            default:
                throw new InvalidOperationException($"Unknown step type {node.GetType().Name}.");
        }
    }

    private string? Sleep(JourneyStep node, int visit, DateTimeOffset at, DateTimeOffset wake)
    {
        _instance = _instance with { Status = InstanceStatus.Waiting, WakeAt = wake };
        _effects.Add(new ScheduleWake(Key(node, visit, "wake"), _instance.ProfileId, node.Id, at, wake));
        return null;
    }

    private string? WaitUntil(WaitUntilStep step, int visit, DateTimeOffset at)
    {
        DateTimeOffset target;
        if (step.Trait is null)
        {
            target = ZonedTime.NextTimeOfDay(at, step.Time!.Value, context.TimeZone);
        }
        else if (context.Facts.Profile.Traits.TryGetValue(step.Trait, out var trait) && DateTraitSchedule.TryReadDate(trait.Value, out var date))
        {
            target = DateTraitSchedule.At(date, step.Time ?? TimeOnly.MinValue, step.Offset, context.TimeZone);
            if (target < at)
                return step.Missed ?? step.Next;
        }
        else
        {
            return step.Missed ?? step.Next;
        }
        return target > at ? Sleep(step, visit, at, target) : step.Next;
    }

    private bool Holds(ConditionStep step, DateTimeOffset at)
    {
        switch (step.If)
        {
            case ProfileTest:
                return journey.Condition(step.Id).Evaluate(context.Facts, at, context.IsMemberOf).IsMember;
            case LastMessageTest last:
                var message = last.Node is null
                    ? _instance.Messages.LastOrDefault()
                    : _instance.Messages.LastOrDefault(m => m.Node == last.Node);
                return message is not null && context.EngagementWith(message.Key) >= last.Status;
            default:
                throw new InvalidOperationException($"Unknown step condition {step.If.GetType().Name}.");
        }
    }

    /// <summary>The profile's preferred channel when listed and reachable, else the first reachable one listed.</summary>
    private string? Choose(ChooseChannelStep step, DateTimeOffset at)
    {
        var preferred = ComputedTraits.Evaluate(ComputedTraits.PreferredChannel, context.Facts, at).Value as string;
        if (preferred is not null && step.Channels.Contains(preferred) && context.Reachable(preferred))
            return preferred;
        return step.Channels.FirstOrDefault(context.Reachable);
    }

    private string Key(JourneyStep node, int visit, string kind) => EffectKeys.Step(_instance, node.Id, visit, kind);
}
