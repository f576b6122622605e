namespace Omnia.Core.Journeys;

/// <summary>
/// Turns a wall-clock time in a time zone into an instant, deciding the two cases daylight saving creates: a time
/// skipped when clocks go forward happens when they jump (02:30 on the spring-forward night in Berlin is 03:00
/// CEST), and a time that happens twice when clocks go back is the first of the two.
/// </summary>
public static class ZonedTime
{
    /// <summary>The instant at which clocks in <paramref name="zone"/> show <paramref name="local"/> (its kind is ignored).</summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var i = 0; zone.IsInvalidTime(local) && i < 24 * 60; i++)
            local = local.AddMinutes(1); // gaps are whole minutes; the first valid minute is the moment clocks jump to
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The first instant at or after <paramref name="after"/> at which clocks in <paramref name="zone"/> show
    /// <paramref name="time"/>.
    /// </summary>
    public static DateTimeOffset NextTimeOfDay(DateTimeOffset after, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var candidate = Resolve(day.ToDateTime(time), zone);
            if (candidate >= after)
                return candidate.ToUniversalTime();
        }
    }

    /// <summary>Looks up an IANA (or Windows) time zone id; false for an unknown one.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
            return false;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }
        return false;
    }
}
