using System.Runtime.CompilerServices;
using Omnia.Core.Segments;

namespace Omnia.Core.Lifecycle;

/// <summary>
/// A profile's lifecycle stage at <see cref="Stage"/>'s instant, and <see cref="ChangesAt"/>: the earliest later
/// instant at which the stage changes from the passage of time alone (a loyal customer's last order turning 365
/// days old), or null for never. The stage is the same at every instant in [now, ChangesAt) and differs at
/// ChangesAt. New events are the caller's to re-evaluate on.
/// </summary>
/// <param name="Stage">Null for a profile with no events that no rule matches.</param>
public readonly record struct LifecycleResult(LifecycleStage? Stage, DateTimeOffset? ChangesAt);

/// <summary>
/// Decides lifecycle stages with <see cref="LifecycleRules"/>. Pure: no clock, no I/O. The rule conditions are
/// compiled by the segment compiler, so stages expire at the same exact instants segment membership does.
/// </summary>
public static class LifecycleEvaluator
{
    private static readonly ConditionalWeakTable<LifecycleRules, CompiledLifecycleRules> Compiled = new();

    /// <summary>
    /// The stage at <paramref name="now"/>: the first rule (highest stage first) whose condition holds, else
    /// awareness for a profile with at least one event, else none; and when time alone changes it. Rules are
    /// compiled once per instance.
    /// </summary>
    /// <exception cref="ArgumentException">The rules are invalid, or the events are not in timestamp order.</exception>
    /// <exception cref="InvalidOperationException">A rule uses a computed trait that is neither built in nor in <see cref="ProfileFacts.Audience"/>.</exception>
    public static LifecycleResult Evaluate(LifecycleRules rules, ProfileFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Compiled.GetValue(rules, CompiledLifecycleRules.Compile).Evaluate(facts, now);
    }

    /// <summary>Compiles rules for evaluating many profiles.</summary>
    public static CompiledLifecycleRules Compile(LifecycleRules rules) => CompiledLifecycleRules.Compile(rules);
}
