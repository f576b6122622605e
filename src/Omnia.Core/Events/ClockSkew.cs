namespace Omnia.Core.Events;

/// <summary>
/// Segment's clock-skew correction: a device clock that is off shifts both <c>timestamp</c> and
/// <c>sentAt</c> by the same amount, so <c>timestamp = receivedAt - (sentAt - originalTimestamp)</c>.
/// </summary>
public static class ClockSkew
{
    public static DateTimeOffset Correct(DateTimeOffset? originalTimestamp, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        if (originalTimestamp is null)
        {
            return receivedAt;
        }

        if (sentAt is null)
        {
            return originalTimestamp.Value;
        }

        return receivedAt - (sentAt.Value - originalTimestamp.Value);
    }
}
