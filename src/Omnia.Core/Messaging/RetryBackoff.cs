namespace Omnia.Core.Messaging;

/// <summary>
/// Exponential backoff with jitter for retrying a delivery: before retry n (n ≥ 1) wait
/// <c>min(Max, Base × 2^(n−1))</c> scaled by a random factor in [0.5, 1) ("equal jitter"), so failing calls spread out
/// instead of retrying in step. After <see cref="MaxAttempts"/> attempts in all, the delivery is dead-lettered.
/// </summary>
public sealed record RetryBackoff(TimeSpan Base, TimeSpan Max, int MaxAttempts)
{
    /// <summary>1 s, 2 s, 4 s, … up to 10 minutes; 8 attempts in all.</summary>
    public static RetryBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), 8);

    /// <summary>The wait before retry <paramref name="retry"/> (1 for the first retry), with jitter from <paramref name="random"/>.</summary>
    public TimeSpan Delay(int retry, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentNullException.ThrowIfNull(random);
        var exponential = Base.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, Max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() / 2)));
    }

    /// <summary>Whether another attempt is allowed after <paramref name="attemptsMade"/> attempts.</summary>
    public bool MayRetry(int attemptsMade) => attemptsMade < MaxAttempts;
}
