namespace Omnia.Core.Segments;

/// <summary>What a <see cref="ComputedTraitDefinition"/> computes over its matching events. JSON names in parentheses.</summary>
public enum ComputedTraitFunction
{
    /// <summary>(<c>count</c>) How many events match; 0 when none. Takes no property.</summary>
    Count,

    /// <summary>(<c>sum</c>) Sum of the property's numbers; 0 when none.</summary>
    Sum,

    /// <summary>(<c>avg</c>) Mean of the property's numbers; none when no event has one.</summary>
    Average,

    /// <summary>(<c>min</c>) Smallest of the property's numbers; none when no event has one.</summary>
    Min,

    /// <summary>(<c>max</c>) Largest of the property's numbers; none when no event has one.</summary>
    Max,

    /// <summary>(<c>first</c>) The property's value on the earliest event that has one.</summary>
    First,

    /// <summary>(<c>last</c>) The property's value on the latest event that has one.</summary>
    Last,

    /// <summary>(<c>mostFrequent</c>) The property's most common value; ties go to the value seen most recently.</summary>
    MostFrequent,

    /// <summary>(<c>uniqueCount</c>) How many distinct values the property takes; 0 when none.</summary>
    UniqueCount,
}
