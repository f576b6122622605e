using Omnia.Core.Profiles;

namespace Omnia.Core.Segments;

/// <summary>
/// Everything a segment is evaluated over for one profile: its state (traits, computed basics, consent) and
/// its events in timestamp order (equal timestamps in log order). Events count as they are given: the
/// caller passes what the log holds, and an event stamped after now (clock skew) counts as recent.
/// </summary>
public sealed record ProfileFacts(ProfileState Profile, IReadOnlyList<ProfileEvent> Events);
