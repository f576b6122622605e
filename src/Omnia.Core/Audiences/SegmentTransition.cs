namespace Omnia.Core.Audiences;

/// <summary>Why a profile's membership was re-decided.</summary>
public enum TransitionReason
{
    /// <summary>An event of the profile arrived.</summary>
    Event,

    /// <summary>Time passed a window edge (no new event).</summary>
    Time,

    /// <summary>A definition changed, or derived state was rebuilt, and every profile was re-evaluated.</summary>
    Recompute,

    /// <summary>The profile was merged into another one and no longer exists.</summary>
    Merge,
}

/// <summary>
/// A profile entering or leaving a segment, recorded as an event of its own so journeys and audience syncs
/// can react to it. <see cref="Id"/> increases in the order transitions were recorded: a consumer keeps the
/// last id it handled and asks for those after it.
/// </summary>
public sealed record SegmentTransition(long Id, int WorkspaceId, long SegmentId, long ProfileId, bool Entered, DateTimeOffset At, TransitionReason Reason);
