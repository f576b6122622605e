using System.Diagnostics.CodeAnalysis;
using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>
/// A compiled condition. <see cref="Evaluate"/> answers at any instant, not only now, because and/or find
/// their exact next change by asking their children about later instants.
/// </summary>
internal abstract class ConditionNode
{
    /// <summary>
    /// The value at <paramref name="at"/> and the earliest later instant at which it differs (null: never),
    /// with the value constant in between. Every node keeps to this; and/or rely on it.
    /// </summary>
    public abstract Outcome Evaluate(in EvaluationScope scope, DateTimeOffset at);

    /// <summary>Relative cost, so and/or ask cheap children first and can stop early.</summary>
    public abstract int Cost { get; }

    /// <summary>
    /// A child's next change, checked to lie after <paramref name="at"/>: and/or jump from change to change, so a
    /// node breaking its contract would otherwise make them loop forever instead of failing.
    /// </summary>
    protected static DateTimeOffset Later(DateTimeOffset flip, DateTimeOffset at)
    {
        if (flip <= at)
            ThrowNotLater(flip, at);
        return flip;
    }

    [DoesNotReturn]
    private static void ThrowNotLater(DateTimeOffset flip, DateTimeOffset at) =>
        throw new InvalidOperationException($"A segment condition reported its next change at {flip:O}, not after {at:O}.");
}

/// <summary>A condition's value at an instant and when it next flips (null: never).</summary>
internal readonly record struct Outcome(bool Value, DateTimeOffset? NextChange)
{
    public static Outcome Forever(bool value) => new(value, null);
}

/// <summary>The profile being evaluated, with the workspace settings and lookups it is evaluated with.</summary>
internal readonly ref struct EvaluationScope(ProfileFacts facts, Func<string, bool>? isMemberOf)
{
    public ProfileFacts Facts { get; } = facts;

    public ProfileState Profile { get; } = facts.Profile;

    public ReadOnlySpan<ProfileEvent> Events { get; } = facts.EventSpan;

    public AudienceContext Audience { get; } = facts.Audience ?? AudienceContext.Default;

    public Func<string, bool>? IsMemberOf { get; } = isMemberOf;
}
