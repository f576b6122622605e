using System.Diagnostics.CodeAnalysis;
using Omnia.Core.Segments;

namespace Omnia.Core.Journeys;

/// <summary>The outcome of <see cref="JourneyDefinition.Parse(string)"/>: a definition, or every error found in it.</summary>
public sealed record JourneyParseResult(JourneyDefinition? Definition, IReadOnlyList<SegmentError> Errors)
{
    /// <summary>Whether the definition was read without errors.</summary>
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
