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

/// <summary>
/// The profile's persona is one of <see cref="Personas"/> (keys such as <c>"p1"</c>):
/// <c>{"persona":"p1"}</c> or <c>{"persona":{"in":["p1","p3"]}}</c>. Read from <see cref="ProfileFacts.Persona"/>;
/// a profile without a persona matches none.
/// </summary>
public sealed record PersonaCondition(IReadOnlyList<string> Personas) : Condition
{
    public bool Equals(PersonaCondition? other) => other is not null && Personas.SequenceEqual(other.Personas);

    public override int GetHashCode() => ValueLists.Hash(Personas);
}

/// <summary>
/// The profile's lifecycle stage is one of <see cref="Stages"/>: <c>{"lifecycleStage":"loyalty"}</c> or
/// <c>{"lifecycleStage":{"in":["loyalty","advocacy"]}}</c>. Read from <see cref="ProfileFacts.LifecycleStage"/>;
/// a profile without a stage matches none.
/// </summary>
public sealed record LifecycleStageCondition(IReadOnlyList<Lifecycle.LifecycleStage> Stages) : Condition
{
    public bool Equals(LifecycleStageCondition? other) => other is not null && Stages.SequenceEqual(other.Stages);

    public override int GetHashCode() => ValueLists.Hash(Stages);
}
