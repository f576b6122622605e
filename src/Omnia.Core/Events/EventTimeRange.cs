namespace Omnia.Core.Events;

/// <summary>
/// The dates an event may carry once its clock skew is corrected: from 1970-01-01 (the Unix epoch; nothing a
/// marketing tool records happened earlier, and an earlier date is a zero or a unit mistake) to one year after
/// Omnia received it (a scheduled or mistyped date further ahead would distort recency, RFM and windows for
/// years). Outside that the event is rejected with the reason, never clamped: a clamped date would be a
/// silent lie in the log.
/// </summary>
public static class EventTimeRange
{
    /// <summary>The earliest accepted event time.</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>How far after its receipt an event may be dated.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>What is wrong with <paramref name="timestamp"/>, or null when it is in range.</summary>
    public static string? Problem(DateTimeOffset timestamp, DateTimeOffset receivedAt)
    {
        if (timestamp < Earliest)
        {
            return $"The event is dated {SegmentRequest.Iso(timestamp)}, before 1970-01-01; send the time it happened (ISO-8601, UTC).";
        }

        if (timestamp - receivedAt > MaxAhead)
        {
            return $"The event is dated {SegmentRequest.Iso(timestamp)}, more than a year after it was received; send the time it happened (ISO-8601, UTC).";
        }

        return null;
    }
}
