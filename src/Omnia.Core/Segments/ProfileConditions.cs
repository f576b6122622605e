namespace Omnia.Core.Segments;

/// <summary>
/// Membership of another segment, named by its slug (<c>{"segment":"vip-customers"}</c>). The evaluator asks the
/// caller's lookup, so this condition is as current as the caller's membership of that segment.
/// </summary>
public sealed record InSegmentCondition(string Slug) : Condition;

/// <summary>
/// The latest consent for a channel (<c>{"consent":{"channel":"email","subscribed":true}}</c>). Subscribed = true
/// matches profiles whose latest consent opted in; false matches those that opted out. A profile with no
/// consent record for the channel matches neither.
/// </summary>
/// <param name="Channel">A channel code (<see cref="Touchpoints.Channels"/>): email, sms, push, …</param>
public sealed record ConsentCondition(string Channel, bool Subscribed) : Condition;

/// <summary>
/// A stable random bucket (0–9999) per profile, from <see cref="ProfileBucket"/>: <c>{"bucket":{"from":0,"to":999}}</c>
/// is a fixed 10% of profiles, for splits and holdouts. Both ends are inclusive.
/// </summary>
public sealed record BucketCondition(int From, int To) : Condition;
