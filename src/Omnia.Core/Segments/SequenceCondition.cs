namespace Omnia.Core.Segments;

/// <summary>
/// "Did <see cref="First"/>, then did (<see cref="Did"/> = true) or did not (false) do <see cref="Then"/> within
/// <see cref="Within"/>". A later event B answers an earlier A when B comes after A in the profile's event
/// order and <c>B.time ≤ A.time + within</c>; with a <see cref="Key"/>, B must also carry A's value of that
/// property, and A events without it are ignored.
/// <para>With Did = false (abandoned cart) an unanswered A qualifies from <c>A.time + within</c>: the profile
/// joins only once the time has passed. <see cref="Window"/> limits which A events count, like an event
/// condition's window (an A in "last 7d" stops counting at <c>A.time + 7d</c>).</para>
/// </summary>
public sealed record SequenceCondition(
    EventFilter First,
    EventFilter Then,
    SegmentDuration Within,
    bool Did,
    string? Key,
    EventWindow Window) : Condition;
