namespace Omnia.Core.Demo;

/// <summary>
/// The generated period, split into 24-hour days counted from its start, with helpers to place a
/// moment at a customer's local time of day.
/// </summary>
internal sealed class DemoWindow
{
    public DemoWindow(DateTimeOffset now, int days)
    {
        var end = now.ToUniversalTime();
        End = end.AddTicks(-(end.UtcTicks % TimeSpan.TicksPerMillisecond));
        var start = end.AddDays(-days);
        var partial = start.UtcTicks % TimeSpan.TicksPerMillisecond;
        Start = partial == 0 ? start : start.AddTicks(TimeSpan.TicksPerMillisecond - partial);
        Days = days;
    }

    /// <summary>The first moment an event may have (millisecond precision, never before now - days).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last moment an event may have (millisecond precision, never after now).</summary>
    public DateTimeOffset End { get; }

    public int Days { get; }

    public DateTimeOffset DayStart(int day) => Start.AddDays(day);

    /// <summary>The moment within day <paramref name="day"/> at which the local clock reads
    /// <paramref name="localMinuteOfDay"/> in a place <paramref name="utcOffsetMinutes"/> from UTC.</summary>
    public DateTimeOffset LocalMoment(int day, int localMinuteOfDay, int utcOffsetMinutes)
    {
        var dayStart = DayStart(day);
        var moment = new DateTimeOffset(dayStart.UtcDateTime.Date, TimeSpan.Zero)
            .AddMinutes(localMinuteOfDay - utcOffsetMinutes);
        while (moment < dayStart)
        {
            moment = moment.AddDays(1);
        }

        while (moment >= dayStart.AddDays(1))
        {
            moment = moment.AddDays(-1);
        }

        return moment;
    }

    /// <summary>The day index a moment falls in, or -1 before the window.</summary>
    public int DayOf(DateTimeOffset moment) =>
        moment < Start ? -1 : (int)((moment - Start).Ticks / TimeSpan.TicksPerDay);
}
