using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>How often a profile may enter a journey; per key when the trigger is keyed (<see cref="JourneyTrigger.IsKeyed"/>).</summary>
public enum EntryRule
{
    /// <summary>(<c>once</c>) Once ever: a profile (or key) that entered before never enters again.</summary>
    Once,

    /// <summary>(<c>oneAtATime</c>) Not while an instance for the profile (or key) is still going through the steps.</summary>
    OneAtATime,

    /// <summary>(<c>reentry</c>) Not while one is in progress, and not until <see cref="EntryRules.Cooldown"/> has passed since the last entry.</summary>
    Reentry,
}

/// <summary>
/// The entry rules: <c>{"rule":"once"}</c>, <c>{"rule":"oneAtATime"}</c>, <c>{"rule":"reentry","cooldown":"30d"}</c>, and for
/// segment triggers <c>"edgeTriggered"</c>: true (the default) enters only on a real transition into (or out of) the
/// segment; false also enters profiles that are members when the journey starts, or become members when the segment
/// is recomputed.
/// </summary>
/// <param name="Cooldown">Required with <see cref="EntryRule.Reentry"/>, null otherwise.</param>
public sealed record EntryRules(EntryRule Rule, SegmentDuration? Cooldown = null, bool EdgeTriggered = true)
{
    /// <summary>One instance at a time, edge-triggered: what a journey without <c>entry</c> gets.</summary>
    public static EntryRules Default { get; } = new(EntryRule.OneAtATime);
}
