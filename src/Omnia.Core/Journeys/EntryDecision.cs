using Omnia.Core.Events;
using System.Text.Json;

namespace Omnia.Core.Journeys;

/// <summary>What <see cref="JourneyEntry.Decide"/> concluded.</summary>
public enum EntryOutcome
{
    /// <summary>The profile enters.</summary>
    Entered,

    /// <summary>The input is not this journey's trigger (another event, segment or direction, a filter that does not match).</summary>
    NotTriggered,

    /// <summary>The trigger is keyed and the input carries no key (a <c>Product Added</c> without <c>cart_id</c>).</summary>
    MissingKey,

    /// <summary>Entry rule <c>once</c>: it entered before (with this key).</summary>
    AlreadyEntered,

    /// <summary>An instance (with this key) is still going through the steps.</summary>
    InProgress,

    /// <summary>Entry rule <c>reentry</c>: the cooldown since the last entry has not passed (see <see cref="EntryDecision.RetryAt"/>).</summary>
    CoolingDown,

    /// <summary>Edge-triggered: a recompute or an existing membership, not a real transition.</summary>
    NotATransition,
}

/// <summary>
/// Whether a profile enters, and why (in words a marketer can read, for logs and the dry run); with the entry's
/// instant, key and properties to start the instance with.
/// </summary>
/// <param name="RetryAt">For <see cref="EntryOutcome.CoolingDown"/>, the first instant the profile may enter again.</param>
public sealed record EntryDecision(EntryOutcome Outcome, DateTimeOffset At, string? Key, EventProperties Properties, string Reason, DateTimeOffset? RetryAt = null)
{
    /// <summary>Whether the profile enters.</summary>
    public bool Enters => Outcome == EntryOutcome.Entered;
}
