namespace Omnia.Core.Events;

/// <summary>
/// Segment's clock-skew correction: a device clock that is off shifts both <c>timestamp</c> and
/// <c>sentAt</c> by the same amount, so <c>timestamp = receivedAt - (sentAt - originalTimestamp)</c>.
/// </summary>
public static class ClockSkew
{
    /// <summary>
    /// The corrected timestamp, or null when the pair is so far apart that the result is not a date at all
    /// (e.g. <c>sentAt</c> in year 1 and <c>timestamp</c> in 9999).
    /// </summary>
    public static DateTimeOffset? Correct(DateTimeOffset? originalTimestamp, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        if (originalTimestamp is null)
        {
            return receivedAt;
        }

        if (sentAt is null)
        {
            return originalTimestamp.Value;
        }

        // In 128-bit ticks: the difference of two dates can exceed what a TimeSpan or a DateTimeOffset holds.
        Int128 ticks = (Int128)receivedAt.UtcTicks - ((Int128)sentAt.Value.UtcTicks - originalTimestamp.Value.UtcTicks);
        return ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            ? null
            : new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }
}
