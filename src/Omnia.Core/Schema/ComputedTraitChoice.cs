using Omnia.Core.Segments;

namespace Omnia.Core.Schema;

/// <summary>
/// A computed trait a condition can compare, as a picker offers it: its name, what kind of value it has and the
/// operators a <c>computed</c> condition may use on it (the JSON words, as <see cref="SegmentDefinition.Parse(string, IEnumerable{ComputedTraitDefinition})"/> accepts them).
/// </summary>
/// <param name="Kind"><c>number</c>, <c>date</c>, <c>text</c>, or <c>any</c> (an event property's own value).</param>
/// <param name="BuiltIn">Built in (<see cref="ComputedTraits"/>) rather than defined by the workspace.</param>
public sealed record ComputedTraitChoice(string Name, string Kind, bool BuiltIn, IReadOnlyList<string> Operators)
{
    /// <summary>The built-in computed traits, then the workspace's <paramref name="defined"/> ones.</summary>
    public static IReadOnlyList<ComputedTraitChoice> For(IEnumerable<ComputedTraitDefinition> defined)
    {
        var catalog = ComputedTraitCatalog.With(defined);
        return catalog.Names.Select(name =>
        {
            catalog.TryGet(name, out var kind, out var optional);
            return new ComputedTraitChoice(
                name,
                kind.ToString().ToLowerInvariant(),
                ComputedTraits.Find(name) is not null,
                ComputedTraits.OperatorsFor(kind, optional).Select(SegmentWords.Word).ToList());
        }).ToList();
    }
}
