using Cronos;

namespace Omnia.Core.Journeys;

/// <summary>When a <see cref="ScheduleTrigger"/> broadcasts: its one instant, or its cron expression's occurrences (Cronos) in its time zone.</summary>
internal static class BroadcastSchedule
{
    public static DateTimeOffset? Next(ScheduleTrigger trigger, DateTimeOffset after)
    {
        if (trigger.At is { } at)
            return at > after ? at.ToUniversalTime() : null;
        var (cron, zone) = Expression(trigger);
        return cron.GetNextOccurrence(after, zone, inclusive: false)?.ToUniversalTime();
    }

    public static IReadOnlyList<DateTimeOffset> Between(ScheduleTrigger trigger, DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return [];
        if (trigger.At is { } at)
            return at >= from && at < to ? [at.ToUniversalTime()] : [];
        var (cron, zone) = Expression(trigger);
        return cron.GetOccurrences(from, to, zone, fromInclusive: true, toInclusive: false).Select(o => o.ToUniversalTime()).ToList();
    }

    /// <summary>Whether <paramref name="cron"/> is a five-field expression Cronos reads.</summary>
    public static bool IsValid(string cron) => CronExpression.TryParse(cron, CronFormat.Standard, out _);

    private static (CronExpression Cron, TimeZoneInfo Zone) Expression(ScheduleTrigger trigger)
    {
        var cron = CronExpression.Parse(trigger.Cron ?? throw new InvalidOperationException("A schedule needs at or cron."), CronFormat.Standard);
        if (!ZonedTime.TryFindZone(trigger.TimeZone ?? "UTC", out var zone))
            throw new InvalidOperationException($"Unknown time zone '{trigger.TimeZone}'.");
        return (cron, zone);
    }
}
