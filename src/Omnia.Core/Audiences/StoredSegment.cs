using Omnia.Core.Segments;

namespace Omnia.Core.Audiences;

/// <summary>
/// A saved segment of a workspace: its stable id and slug (how other segments, journeys and the API name it),
/// its definition, and <see cref="Version"/>, which goes up with every change of the definition.
/// </summary>
public sealed record StoredSegment(
    long Id,
    int WorkspaceId,
    string Slug,
    SegmentDefinition Definition,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
