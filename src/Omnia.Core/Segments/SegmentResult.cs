namespace Omnia.Core.Segments;

/// <summary>
/// Whether a profile is in a segment at the evaluated instant, and <see cref="ChangesAt"/>: the earliest
/// later instant at which that answer flips from the passage of time alone (a window edge, a sequence's wait
/// elapsing, a trait date entering or leaving a relative range). Membership is the same at every instant in
/// [now, ChangesAt) and differs at ChangesAt itself; null means time alone never changes it. New events, trait
/// changes and other segments' changes are the caller's to re-evaluate on.
/// </summary>
public readonly record struct SegmentResult(bool IsMember, DateTimeOffset? ChangesAt);
