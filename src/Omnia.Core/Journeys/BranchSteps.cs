using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>
/// Go to <see cref="Then"/> when <see cref="If"/> holds, else to <see cref="Else"/>
/// (<c>{"type":"condition","if":{"segment":"vip"},"then":"…","else":"…"}</c>).
/// </summary>
public sealed record ConditionStep(string Id, StepCondition If, string Then, string Else) : JourneyStep(Id)
{
    public override string Type => "condition";

    public override IEnumerable<StepEdge> Edges => [new("then", Then), new("else", Else)];
}

/// <summary>What a condition step tests: a segment condition over the profile, or the engagement with the last message.</summary>
public abstract record StepCondition
{
    private protected StepCondition()
    {
    }
}

/// <summary>
/// Any segment condition (<see cref="Segments.Condition"/>): trait, event, segment membership, consent, computed trait,
/// persona, lifecycle stage, bucket, and/or/not, evaluated over the profile at the moment the instance arrives.
/// </summary>
public sealed record ProfileTest(Condition Condition) : StepCondition;

/// <summary>How far a person engaged with a message.</summary>
public enum MessageEngagement
{
    /// <summary>Not opened (or not known to be).</summary>
    None,

    /// <summary>Opened (or read).</summary>
    Opened,

    /// <summary>A link in it was clicked (which counts as opened too).</summary>
    Clicked,
}

/// <summary>
/// Whether the last message this instance sent (from <see cref="Node"/> when given) was opened or clicked:
/// <c>{"lastMessage":"opened"}</c>, <c>{"lastMessage":{"status":"clicked","node":"welcome-email"}}</c>. False when it sent none.
/// </summary>
/// <param name="Status"><see cref="MessageEngagement.Opened"/> or <see cref="MessageEngagement.Clicked"/>.</param>
public sealed record LastMessageTest(MessageEngagement Status, string? Node = null) : StepCondition;

/// <summary>
/// An A/B/n split with an optional control group (<c>{"type":"split","variants":[{"name":"a","weight":50,"next":"…"},…],"control":10}</c>).
/// Each profile's variant is stable: a hash of the journey, the profile and this node (<see cref="VariantAssigner"/>),
/// spread over the variants in proportion to their weights. The control group gets no step: it leaves with reason
/// <see cref="ExitReason.Control"/> and is watched for the goal, to measure uplift.
/// </summary>
/// <param name="ControlWeight">The control group's weight; 0 for none.</param>
public sealed record SplitStep(string Id, IReadOnlyList<SplitVariant> Variants, int ControlWeight) : JourneyStep(Id)
{
    /// <summary>The name the control group goes by in variant assignments and reports.</summary>
    public const string ControlName = "control";

    public override string Type => "split";

    public override IEnumerable<StepEdge> Edges => Variants.Select((v, i) => new StepEdge($"variants[{i}].next", v.Next));

    /// <summary>The sum of the variants' and the control group's weights.</summary>
    public int TotalWeight => Variants.Sum(v => v.Weight) + ControlWeight;

    public bool Equals(SplitStep? other) =>
        other is not null && Id == other.Id && ControlWeight == other.ControlWeight && Variants.SequenceEqual(other.Variants);

    public override int GetHashCode() => HashCode.Combine(Id, ControlWeight, ValueLists.Hash(Variants));
}

/// <summary>One variant of a split: its name (for reports), its weight (a whole number, 1 or more) and where it goes.</summary>
public sealed record SplitVariant(string Name, int Weight, string Next);
