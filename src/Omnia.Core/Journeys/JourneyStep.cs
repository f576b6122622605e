namespace Omnia.Core.Journeys;

/// <summary>
/// One node of a journey: an id (letters, digits, <c>-</c> and <c>_</c>, at most 64) and, in JSON, a <c>type</c>:
/// <c>wait</c>, <c>waitUntil</c>, <c>waitForEvent</c>, <c>condition</c>, <c>split</c>, <c>send</c>, <c>chooseChannel</c>,
/// <c>updateProfile</c>, <c>webhook</c>, <c>jump</c> or <c>exit</c>. Every node but exit names where to go next
/// explicitly. Definitions compare by value.
/// </summary>
public abstract record JourneyStep(string Id)
{
    /// <summary>The JSON <c>type</c> of this node.</summary>
    public abstract string Type { get; }

    /// <summary>The node's outgoing edges: the JSON key that holds each, and the node id it leads to.</summary>
    public abstract IEnumerable<StepEdge> Edges { get; }

    /// <summary>
    /// Whether an instance always stops here for a while before going on (a wait, or a wait for an event): every loop
    /// must pass through such a node, or it would run forever without waiting.
    /// </summary>
    public virtual bool AlwaysPauses => false;
}

/// <summary>An edge of a node: the key that holds it (<c>next</c>, <c>then</c>, <c>variants[1].next</c>, …) and its target id.</summary>
public readonly record struct StepEdge(string Key, string Target);

/// <summary>Jump to another node (<c>{"type":"jump","to":"check-order"}</c>), e.g. back to an earlier step to loop.</summary>
public sealed record JumpStep(string Id, string To) : JourneyStep(Id)
{
    public override string Type => "jump";

    public override IEnumerable<StepEdge> Edges => [new("to", To)];
}

/// <summary>Leave the journey (<c>{"type":"exit"}</c>). An instance that reached its goal keeps no step; one that has not keeps watching for it.</summary>
public sealed record ExitStep(string Id) : JourneyStep(Id)
{
    public override string Type => "exit";

    public override IEnumerable<StepEdge> Edges => [];
}
