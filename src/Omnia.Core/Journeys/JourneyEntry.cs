using Omnia.Core.Events;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Decides whether a trigger input starts an instance: it must be the journey's trigger, carry the key when the
/// trigger is keyed, and pass the entry rules against the profile's entry history (per key for keyed triggers).
/// Pure, like the runtime.
/// </summary>
public static class JourneyEntry
{
    public static EntryDecision Decide(CompiledJourney journey, TriggerInput input, EntryHistory history)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(history);
        var definition = journey.Definition;
        var at = input.At;
        string? key;
        EventProperties properties = default;
        switch (definition.Trigger, input)
        {
            case (EventTrigger trigger, EventTriggerInput e):
                if (!journey.TriggerMatcher!.Matches(e.Received))
                    return No(EntryOutcome.NotTriggered, at, $"the event '{e.Received.Name}' does not match the trigger '{trigger.Event.Name}' and its filters");
                properties = e.Received.Properties;
                key = trigger.Key is null ? null : EntryKeys.Read(properties, trigger.Key);
                if (trigger.Key is not null && key is null)
                    return No(EntryOutcome.MissingKey, at, $"the event has no '{trigger.Key}' to key the instance by");
                break;
            case (SegmentTrigger trigger, SegmentTriggerInput s):
                if (s.Slug != trigger.Slug || s.Entered != (trigger.Edge == SegmentEdge.Entry))
                    return No(EntryOutcome.NotTriggered, at, $"the journey starts on {(trigger.Edge == SegmentEdge.Entry ? "entering" : "leaving")} '{trigger.Slug}'");
                if (definition.Entry.EdgeTriggered && s.Change != MembershipChange.Transition)
                {
                    return No(EntryOutcome.NotATransition, at,
                        $"the journey is edge-triggered and this is {(s.Change == MembershipChange.Recompute ? "a recompute" : "an existing membership")}, not a transition");
                }
                key = null;
                break;
            case (DateTrigger, DateTriggerInput d):
                key = d.Occurrence.Key;
                properties = EventProperties.Of(("date", EventValue.Of(d.Occurrence.Key)));
                break;
            case (ScheduleTrigger, ScheduleTriggerInput s):
                key = s.Key;
                break;
            case (ApiTrigger trigger, ApiTriggerInput a):
                properties = a.Properties;
                key = trigger.Key is null ? null : EntryKeys.Read(properties, trigger.Key);
                if (trigger.Key is not null && key is null)
                    return No(EntryOutcome.MissingKey, at, $"the call has no '{trigger.Key}' to key the instance by");
                break;
            default:
                return No(EntryOutcome.NotTriggered, at, $"a {Kind(input)} does not start a journey triggered by {Kind(definition.Trigger)}");
        }

        var keyed = definition.Trigger.IsKeyed;
        var earlier = history.Entries.Where(e => !keyed || e.Key == key).ToList();
        var forKey = keyed ? $" for {key}" : "";
        switch (definition.Entry.Rule)
        {
            case EntryRule.Once when earlier.Count > 0:
                return No(EntryOutcome.AlreadyEntered, at, $"the profile entered{forKey} before ({IsoDate.Format(earlier.Max(e => e.EnteredAt))}) and may enter once", key);
            case not EntryRule.Once when earlier.Any(e => e.ExitedAt is null):
                return No(EntryOutcome.InProgress, at, $"an instance{forKey} is still in progress", key);
            case EntryRule.Reentry when earlier.Count > 0:
                var retryAt = earlier.Max(e => e.EnteredAt) + definition.Entry.Cooldown!.Value.ToTimeSpan();
                if (at < retryAt)
                    return No(EntryOutcome.CoolingDown, at, $"the cooldown of {definition.Entry.Cooldown} since the last entry runs until {IsoDate.Format(retryAt)}", key) with { RetryAt = retryAt };
                break;
        }
        return new EntryDecision(EntryOutcome.Entered, at, key, properties, keyed ? $"enters for {key}" : "enters");
    }

    private static EntryDecision No(EntryOutcome outcome, DateTimeOffset at, string reason, string? key = null) => new(outcome, at, key, default, reason);

    private static string Kind(object value) => value switch
    {
        EventTriggerInput or EventTrigger => "an event",
        SegmentTriggerInput or SegmentTrigger => "a segment change",
        DateTriggerInput or DateTrigger => "a date",
        ScheduleTriggerInput or ScheduleTrigger => "a schedule",
        _ => "an API call",
    };
}
