using System.Globalization;
using Omnia.Core.Events;

namespace Omnia.Core.Journeys;

/// <summary>One occurrence of a date trigger: when, and the key that tells it apart (the date it falls on, <c>2026-05-17</c>).</summary>
public readonly record struct DateOccurrence(DateTimeOffset At, string Key);

/// <summary>
/// Finds when a date held in a trait comes round, for <see cref="DateTrigger"/> and <see cref="WaitUntilStep"/>. The
/// trait holds an ISO-8601 date (<c>1990-05-17</c>; a date-time counts by the calendar date written in it); the
/// occurrence is that date (this year's, when yearly) at the given time of day on the profile's wall clock,
/// shifted by the offset on the wall clock, resolved in the profile's time zone by <see cref="ZonedTime.Resolve"/>.
/// </summary>
public static class DateTraitSchedule
{
    /// <summary>Reads the calendar date a trait holds: the leading <c>yyyy-MM-dd</c> of a string; false otherwise.</summary>
    public static bool TryReadDate(EventValue value, out DateOnly date)
    {
        date = default;
        if (value.Kind != EventValueKind.String)
            return false;
        var text = value.String!;
        if (text.Length > 10 && text[10] != 'T' && text[10] != ' ')
            return false;
        return DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The instant of <paramref name="date"/> at <paramref name="time"/> shifted by <paramref name="offset"/>, in <paramref name="zone"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, DateOffset offset, TimeZoneInfo zone) =>
        ZonedTime.Resolve(date.ToDateTime(time) + offset.ToTimeSpan(), zone).ToUniversalTime();

    internal static DateOccurrence? Next(DateTrigger trigger, EventValue traitValue, TimeZoneInfo zone, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!TryReadDate(traitValue, out var date))
            return null;
        if (!trigger.Yearly)
        {
            var once = At(date, trigger.At, trigger.Offset, zone);
            return once > after ? new DateOccurrence(once, Key(date)) : null;
        }
        // An offset of up to ten years can move an occurrence across years: start early enough to catch it.
        var years = (int)Math.Ceiling(Math.Abs(trigger.Offset.ToTimeSpan().TotalDays) / 365) + 1;
        for (var year = after.UtcDateTime.Year - years; year <= after.UtcDateTime.Year + years + 1; year++)
        {
            if (year is < 1 or > 9998)
                continue;
            var anniversary = InYear(date, year);
            var at = At(anniversary, trigger.At, trigger.Offset, zone);
            if (at > after)
                return new DateOccurrence(at, Key(anniversary));
        }
        return null;
    }

    /// <summary>The date's month and day in <paramref name="year"/>; 29 February is 28 February in other years.</summary>
    public static DateOnly InYear(DateOnly date, int year) =>
        new(year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month)));

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
