using System.Diagnostics.CodeAnalysis;

namespace Omnia.Core.Segments;

/// <summary>The outcome of <see cref="ComputedTraitDefinition.Parse"/>: a definition, or every error found in it.</summary>
public sealed record ComputedTraitParseResult(ComputedTraitDefinition? Definition, IReadOnlyList<SegmentError> Errors)
{
    /// <summary>Whether the definition was read without errors.</summary>
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
