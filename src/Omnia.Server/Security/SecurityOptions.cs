using System.Globalization;

namespace Omnia.Server.Security;

/// <summary>
/// Limits and policies for sign-in, API rate limits and hosts. The defaults are generous enough that the load
/// benchmarks (8 senders posting 500-event batches as fast as they can) are never limited; each can be set with an
/// <c>OMNIA_…</c> environment variable (README, "Security settings").
/// </summary>
public sealed record SecurityOptions
{
    /// <summary>
    /// Host names the server answers to (<c>OMNIA_ALLOWED_HOSTS</c>, comma-separated, <c>*.example.com</c> allowed);
    /// a request for another host gets 400. <c>*</c> (the default) allows any; redirects never name the host either way.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = List("OMNIA_ALLOWED_HOSTS") ?? ["*"];

    /// <summary>Per write key (or per client address when the key is in the body): <c>OMNIA_RATE_LIMIT_INGEST</c> requests a second, bursts of twice that.</summary>
    public RateLimit Ingestion { get; init; } = RateLimit.PerSecond(Number("OMNIA_RATE_LIMIT_INGEST") ?? 2_000);

    /// <summary>Per admin key, signed-in user or client address: <c>OMNIA_RATE_LIMIT_ADMIN</c> requests a second, bursts of twice that.</summary>
    public RateLimit Admin { get; init; } = RateLimit.PerSecond(Number("OMNIA_RATE_LIMIT_ADMIN") ?? 1_000);

    /// <summary>
    /// Sign-in form posts per client address, whatever their outcome: bursts of 60, then one a second. Each post costs
    /// a PBKDF2 hash (about 0.3 s of one core), so this also keeps one address from tying up the CPU.
    /// </summary>
    public RateLimit SignInRequests { get; init; } = new(60, 1, TimeSpan.FromSeconds(1));

    /// <summary>Failed sign-ins of one account (or one address) before each further try must wait; the wait doubles with each failure.</summary>
    public int FailuresBeforeDelay { get; init; } = 3;

    /// <summary>The first wait; it doubles with each failure, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed sign-ins of one account within <see cref="FailureWindow"/> that lock it (from browsers it was not used in before).</summary>
    public int LockoutFailures { get; init; } = 10;

    /// <summary>How long a lockout lasts after the failure that caused it (<c>OMNIA_SIGNIN_LOCKOUT_MINUTES</c>); each further failure locks again.</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(Number("OMNIA_SIGNIN_LOCKOUT_MINUTES") ?? 15);

    /// <summary>Failed sign-ins older than this are forgotten.</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Failed sign-ins from one client address (any accounts) within <see cref="FailureWindow"/> that lock the address.</summary>
    public int AddressLockoutFailures { get; init; } = 50;

    /// <summary>A dashboard session ends after this long without a request (<c>OMNIA_SESSION_HOURS</c>).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(Number("OMNIA_SESSION_HOURS") ?? 12);

    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The overlap after a write-key rotation when none is asked for: the old key keeps working this long.</summary>
    public TimeSpan DefaultRotationOverlap { get; init; } = TimeSpan.FromHours(24);

    private static long? Number(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static string[]? List(string name) =>
        Environment.GetEnvironmentVariable(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } hosts ? hosts : null;
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled by <see cref="PerPeriod"/> every <see cref="Period"/>.</summary>
public sealed record RateLimit(int Burst, int PerPeriod, TimeSpan Period)
{
    public static RateLimit PerSecond(long perSecond) =>
        new((int)Math.Min(int.MaxValue / 2, perSecond) * 2, (int)Math.Min(int.MaxValue / 2, perSecond), TimeSpan.FromSeconds(1));
}
