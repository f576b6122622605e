namespace Omnia.Core.Identity;

/// <summary>
/// What <see cref="IdentityGraph.Resolve"/> did with one event's identifiers. <see cref="ProfileId"/> is
/// the profile the event belongs to (null when it carried no identifier); <see cref="Added"/> lists the
/// identifiers newly attached to it, including those moved from merged profiles; <see cref="Dropped"/>
/// lists identifiers left out because attaching them would break a limit (lowest priority first).
/// </summary>
public sealed record IdentityResolution(
    long? ProfileId,
    bool Created,
    IReadOnlyList<Identifier> Added,
    IReadOnlyList<ProfileMerge> Merges,
    IReadOnlyList<Identifier> Dropped)
{
    internal static IdentityResolution None { get; } = new(null, false, [], [], []);

    internal static IdentityResolution Unchanged(long profileId) => new(profileId, false, [], [], []);
}

/// <summary>
/// Profile <paramref name="From"/> was merged into <paramref name="Into"/> and no longer exists in the
/// graph; <paramref name="Moved"/> are the identifiers it held. Its events now belong to <c>Into</c>.
/// </summary>
public sealed record ProfileMerge(long From, long Into, IReadOnlyList<Identifier> Moved);
