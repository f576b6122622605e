using Omnia.Core.Segments;

namespace Omnia.Core.Messaging;

/// <summary>
/// The global control group: profiles whose stable bucket (<see cref="ProfileBucket"/>: 0–9999 per workspace and
/// profile) is below <c>percent × 100</c>. They get no message (each is recorded as suppressed with reason
/// <c>control_group</c>) so their behaviour measures what messaging adds. Because it is the segment <c>bucket</c>
/// condition's bucket, <c>{"bucket":{"from":0,"to":499}}</c> selects a 5% control group in a segment or report;
/// other holdouts should use buckets above it.
/// </summary>
public static class ControlGroup
{
    /// <summary>Whether the profile is in a control group of <paramref name="percent"/> % (0–100, two decimals).</summary>
    public static bool Contains(int workspaceId, long profileId, decimal percent) =>
        percent > 0 && ProfileBucket.Of(workspaceId, profileId) < (int)(percent * 100);
}
