using System.Collections.Concurrent;

namespace Omnia.Server.Security;

/// <summary>
/// Slows and then stops password guessing. Failed sign-ins are counted per account and per client address; after
/// <see cref="SecurityOptions.FailuresBeforeDelay"/> each further try must wait, twice as long after each failure,
/// and <see cref="SecurityOptions.LockoutFailures"/> within <see cref="SecurityOptions.FailureWindow"/> lock the
/// account for <see cref="SecurityOptions.LockoutDuration"/> after the last failure. A lockout ends by itself, and a browser the account signed in from before (its
/// known-device cookie) is counted on its own, so an attacker elsewhere cannot keep the owner out: the owner's own
/// browser still gets in. State is in memory: a restart forgets it (an attacker cannot restart the server).
/// </summary>
public sealed class SignInThrottle(SecurityOptions options, TimeProvider clock)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the client must wait before trying this account again; null when it may try now.</summary>
    public TimeSpan? WaitFor(string account, string address, string? knownDevice)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, lockout) in Keys(account, address, knownDevice))
        {
            if (_failures.TryGetValue(key, out var failures) && failures.NextTry(now, lockout, options) is { } next && next > now)
            {
                wait = wait is null || next - now > wait ? next - now : wait;
            }
        }

        return wait;
    }

    public void Failed(string account, string address, string? knownDevice)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            Prune(now);
        }

        foreach (var (key, _) in Keys(account, address, knownDevice))
        {
            _failures.GetOrAdd(key, _ => new Failures()).Add(now, options.FailureWindow);
        }
    }

    /// <summary>A successful sign-in clears the account's (or this device's) failures; the address keeps its count.</summary>
    public void Succeeded(string account, string? knownDevice) =>
        _failures.TryRemove(knownDevice is null ? Account(account) : Device(account, knownDevice), out _);

    private IEnumerable<(string Key, int Lockout)> Keys(string account, string address, string? knownDevice)
    {
        if (knownDevice is not null)
        {
            yield return (Device(account, knownDevice), options.LockoutFailures);
            yield break;
        }

        yield return (Account(account), options.LockoutFailures);
        yield return ("ip:" + address, options.AddressLockoutFailures);
    }

    private static string Account(string account) => "account:" + account;

    private static string Device(string account, string device) => $"device:{account}:{device}";

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (failures.IsStale(now, options.FailureWindow))
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public void Add(DateTimeOffset at, TimeSpan window)
        {
            lock (_times)
            {
                Forget(at, window);
                _times.Enqueue(at);
            }
        }

        public bool IsStale(DateTimeOffset now, TimeSpan window)
        {
            lock (_times)
            {
                Forget(now, window);
                return _times.Count == 0;
            }
        }

        /// <summary>When the next try is allowed: after the lockout once there were enough failures, else after the doubling wait.</summary>
        public DateTimeOffset? NextTry(DateTimeOffset now, int lockoutFailures, SecurityOptions options)
        {
            lock (_times)
            {
                Forget(now, options.FailureWindow);
                int count = _times.Count;
                if (count == 0)
                {
                    return null;
                }

                var last = _times.Last();
                if (count >= lockoutFailures)
                {
                    return last + options.LockoutDuration;
                }

                if (count < options.FailuresBeforeDelay)
                {
                    return null;
                }

                double factor = Math.Pow(2, Math.Min(30, count - options.FailuresBeforeDelay));
                var delay = TimeSpan.FromTicks((long)Math.Min(options.MaxDelay.Ticks, options.FirstDelay.Ticks * factor));
                return last + delay;
            }
        }

        private void Forget(DateTimeOffset now, TimeSpan window)
        {
            while (_times.Count > 0 && now - _times.Peek() >= window)
            {
                _times.Dequeue();
            }
        }
    }
}
