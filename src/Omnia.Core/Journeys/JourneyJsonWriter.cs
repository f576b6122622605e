using System.Globalization;
using System.Text.Json;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Writes journeys in the canonical JSON form: keys in a fixed order, <c>entry</c> always written, optional parts
/// left out when empty, conditions and event filters as the segment writer writes them.
/// </summary>
internal static class JourneyJsonWriter
{
    public static string Write(JourneyDefinition journey, bool indented) => SegmentJsonWriter.Write(w => WriteJourney(w, journey), indented);

    private static void WriteJourney(Utf8JsonWriter w, JourneyDefinition journey)
    {
        w.WriteStartObject();
        w.WriteNumber("version", journey.Version);
        w.WriteString("name", journey.Name);
        if (journey.Description is not null)
            w.WriteString("description", journey.Description);
        w.WritePropertyName("trigger");
        WriteTrigger(w, journey.Trigger);
        WriteEntry(w, journey.Entry);
        if (journey.Goal is { } goal)
        {
            w.WriteStartObject("goal");
            WriteFilter(w, "event", goal.Event);
            if (goal.MatchKey is not null)
                w.WriteString("matchKey", goal.MatchKey);
            w.WriteString("within", goal.Within.ToString());
            w.WriteEndObject();
        }
        if (journey.ExitOn.Count > 0)
        {
            w.WriteStartArray("exitOn");
            foreach (var criterion in journey.ExitOn)
            {
                w.WriteStartObject();
                switch (criterion)
                {
                    case EventExitCriterion e:
                        WriteFilter(w, "event", e.Event);
                        if (e.MatchKey is not null)
                            w.WriteString("matchKey", e.MatchKey);
                        break;
                    case SegmentExitCriterion s:
                        w.WriteString("segmentExit", s.Slug);
                        break;
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteString("start", journey.Start);
        w.WriteStartArray("nodes");
        foreach (var node in journey.Nodes)
            WriteStep(w, node);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTrigger(Utf8JsonWriter w, JourneyTrigger trigger)
    {
        w.WriteStartObject();
        switch (trigger)
        {
            case EventTrigger e:
                w.WriteStartObject("event");
                SegmentJsonWriter.WriteFilterFields(w, e.Event);
                if (e.Key is not null)
                    w.WriteString("key", e.Key);
                w.WriteEndObject();
                break;
            case SegmentTrigger s:
                w.WriteString(s.Edge == SegmentEdge.Entry ? "segmentEntry" : "segmentExit", s.Slug);
                break;
            case DateTrigger d:
                w.WriteStartObject("date");
                w.WriteString("trait", d.Trait);
                if (!d.Offset.IsNone)
                    w.WriteString("offset", d.Offset.ToString());
                w.WriteString("at", Time(d.At));
                if (d.Yearly)
                    w.WriteBoolean("yearly", true);
                w.WriteEndObject();
                break;
            case ScheduleTrigger s:
                w.WriteStartObject("schedule");
                w.WriteString("segment", s.Segment);
                if (s.At is { } at)
                    w.WriteString("at", IsoDate.Format(at));
                if (s.Cron is not null)
                {
                    w.WriteString("cron", s.Cron);
                    w.WriteString("timeZone", s.TimeZone ?? "UTC");
                }
                w.WriteEndObject();
                break;
            case ApiTrigger a:
                w.WriteStartObject("api");
                if (a.Key is not null)
                    w.WriteString("key", a.Key);
                w.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unknown trigger type {trigger.GetType().Name}.", nameof(trigger));
        }
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, EntryRules entry)
    {
        w.WriteStartObject("entry");
        w.WriteString("rule", entry.Rule switch
        {
            EntryRule.Once => "once",
            EntryRule.OneAtATime => "oneAtATime",
            _ => "reentry",
        });
        if (entry.Cooldown is { } cooldown)
            w.WriteString("cooldown", cooldown.ToString());
        if (!entry.EdgeTriggered)
            w.WriteBoolean("edgeTriggered", entry.EdgeTriggered);
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, JourneyStep step)
    {
        w.WriteStartObject();
        w.WriteString("id", step.Id);
        w.WriteString("type", step.Type);
        switch (step)
        {
            case WaitStep wait:
                w.WriteString("duration", wait.Duration.ToString());
                w.WriteString("next", wait.Next);
                break;
            case WaitUntilStep until:
                if (until.Time is { } time)
                    w.WriteString("time", Time(time));
                if (until.Trait is not null)
                    w.WriteString("trait", until.Trait);
                if (!until.Offset.IsNone)
                    w.WriteString("offset", until.Offset.ToString());
                w.WriteString("next", until.Next);
                if (until.Missed is not null)
                    w.WriteString("missed", until.Missed);
                break;
            case WaitForEventStep waitFor:
                WriteFilter(w, "event", waitFor.Event);
                if (waitFor.MatchKey is not null)
                    w.WriteString("matchKey", waitFor.MatchKey);
                w.WriteString("timeout", waitFor.Timeout.ToString());
                w.WriteString("onEvent", waitFor.OnEvent);
                w.WriteString("onTimeout", waitFor.OnTimeout);
                break;
            case ConditionStep condition:
                w.WritePropertyName("if");
                WriteStepCondition(w, condition.If);
                w.WriteString("then", condition.Then);
                w.WriteString("else", condition.Else);
                break;
            case SplitStep split:
                w.WriteStartArray("variants");
                foreach (var variant in split.Variants)
                {
                    w.WriteStartObject();
                    w.WriteString("name", variant.Name);
                    w.WriteNumber("weight", variant.Weight);
                    w.WriteString("next", variant.Next);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (split.ControlWeight > 0)
                    w.WriteNumber("control", split.ControlWeight);
                break;
            case SendStep send:
                w.WriteString("content", send.Content);
                w.WriteString("channel", send.Channel);
                w.WriteString("next", send.Next);
                break;
            case ChooseChannelStep choose:
                w.WriteStartArray("channels");
                foreach (var channel in choose.Channels)
                    w.WriteStringValue(channel);
                w.WriteEndArray();
                w.WriteString("next", choose.Next);
                if (choose.None is not null)
                    w.WriteString("none", choose.None);
                break;
            case UpdateProfileStep update:
                w.WriteStartObject("traits");
                foreach (var trait in update.Traits)
                {
                    w.WritePropertyName(trait.Name);
                    if (trait.Value is null)
                        w.WriteNullValue();
                    else
                        SegmentJsonWriter.WriteLiteral(w, trait.Value);
                }
                w.WriteEndObject();
                w.WriteString("next", update.Next);
                break;
            case WebhookStep webhook:
                w.WriteString("url", webhook.Url);
                w.WriteString("method", webhook.Method);
                if (webhook.Body is not null)
                    w.WriteString("body", webhook.Body);
                w.WriteString("next", webhook.Next);
                break;
            case JumpStep jump:
                w.WriteString("to", jump.To);
                break;
            case ExitStep:
                break;
            default:
                throw new ArgumentException($"Unknown step type {step.GetType().Name}.", nameof(step));
        }
        w.WriteEndObject();
    }

    private static void WriteStepCondition(Utf8JsonWriter w, StepCondition condition)
    {
        switch (condition)
        {
            case ProfileTest test:
                SegmentJsonWriter.WriteCondition(w, test.Condition);
                break;
            case LastMessageTest last:
                w.WriteStartObject();
                var status = last.Status == MessageEngagement.Clicked ? "clicked" : "opened";
                if (last.Node is null)
                {
                    w.WriteString("lastMessage", status);
                }
                else
                {
                    w.WriteStartObject("lastMessage");
                    w.WriteString("status", status);
                    w.WriteString("node", last.Node);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unknown step condition {condition.GetType().Name}.", nameof(condition));
        }
    }

    private static void WriteFilter(Utf8JsonWriter w, string key, EventFilter filter)
    {
        w.WriteStartObject(key);
        SegmentJsonWriter.WriteFilterFields(w, filter);
        w.WriteEndObject();
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
