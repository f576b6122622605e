namespace Omnia.Core.Segments;

/// <summary>Turns a checked condition tree into evaluation nodes, cheapest children first within and/or.</summary>
internal static class SegmentCompiler
{
    public static ConditionNode Compile(Condition condition) => condition switch
    {
        AndCondition and => new AndNode(Children(and.Conditions)),
        OrCondition or => new OrNode(Children(or.Conditions)),
        NotCondition not => new NotNode(Compile(not.Inner)),
        TraitCondition trait => new TraitNode(trait),
        EventCondition e => new EventNode(e),
        SequenceCondition sequence => new SequenceNode(sequence),
        InSegmentCondition segment => new InSegmentNode(segment.Slug),
        ConsentCondition consent => new ConsentNode(consent),
        ComputedCondition computed => new ComputedNode(computed),
        BucketCondition bucket => new BucketNode(bucket),
        PersonaCondition persona => new PersonaNode(persona),
        LifecycleStageCondition stage => new LifecycleStageNode(stage),
        FunnelCondition funnel => new FunnelNode(funnel),
        _ => throw new ArgumentException($"Unknown condition type {condition.GetType().Name}.", nameof(condition)),
    };

    private static ConditionNode[] Children(IReadOnlyList<Condition> conditions) =>
        conditions.Select(Compile).OrderBy(node => node.Cost).ToArray();
}
