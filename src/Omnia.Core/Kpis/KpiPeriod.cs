namespace Omnia.Core.Kpis;

/// <summary>How KPIs are bucketed in time (UTC).</summary>
public enum KpiPeriod : byte
{
    Day,

    /// <summary>ISO weeks, Monday to Sunday.</summary>
    Week,

    Month,
}

/// <summary>Calendar arithmetic for <see cref="KpiPeriod"/>.</summary>
public static class KpiPeriods
{
    /// <summary>The first day of the period that holds <paramref name="day"/>.</summary>
    public static DateOnly Start(DateOnly day, KpiPeriod period) => period switch
    {
        KpiPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        KpiPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>The first day of the period after the one starting on <paramref name="start"/>.</summary>
    public static DateOnly Next(DateOnly start, KpiPeriod period) => period switch
    {
        KpiPeriod.Week => start.AddDays(7),
        KpiPeriod.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    /// <summary>The UTC day of an instant given in ticks.</summary>
    public static DateOnly DayOf(long utcTicks) => DateOnly.FromDayNumber((int)(utcTicks / TimeSpan.TicksPerDay));

    /// <summary>The lower-case word APIs use (<c>day</c>, <c>week</c>, <c>month</c>).</summary>
    public static string Word(KpiPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>Reads <c>day</c>, <c>week</c> or <c>month</c>.</summary>
    public static bool TryParse(string? word, out KpiPeriod period) =>
        Enum.TryParse(word, ignoreCase: true, out period) && Enum.IsDefined(period) && !int.TryParse(word, out _);

    /// <summary>The last whole period that ended at or before <paramref name="now"/>: its first day and the first day after it.</summary>
    public static (DateOnly From, DateOnly To) LastComplete(DateTimeOffset now, KpiPeriod period)
    {
        var current = Start(DateOnly.FromDateTime(now.UtcDateTime), period);
        var previous = period switch
        {
            KpiPeriod.Week => current.AddDays(-7),
            KpiPeriod.Month => current.AddMonths(-1),
            _ => current.AddDays(-1),
        };
        return (previous, current);
    }
}
