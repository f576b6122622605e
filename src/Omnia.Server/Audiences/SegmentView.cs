using System.Text.Json;
using Omnia.Core.Audiences;
using Omnia.Core.Segments;

namespace Omnia.Server.Audiences;

/// <summary>A saved segment as the API shows it: its definition, its current size and whether that size is final.</summary>
/// <param name="Status"><c>ready</c>, or <c>recomputing</c> while membership is being rebuilt after a change.</param>
public sealed record SegmentView(
    long Id, string Slug, string Name, string? Description, int Version, long Size, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonElement Definition)
{
    public static SegmentView From(StoredSegment s, long size, bool recomputing)
    {
        // As deep as the definition reader allows (conditions nest 32 levels, two JSON levels each), not the default 64.
        using var document = JsonDocument.Parse(s.Definition.ToJson(), new JsonDocumentOptions { MaxDepth = SegmentDefinition.MaxJsonDepth });
        return new SegmentView(
            s.Id, s.Slug, s.Definition.Name, s.Definition.Description, s.Version, size, recomputing ? "recomputing" : "ready",
            s.CreatedAt, s.UpdatedAt, document.RootElement.Clone());
    }
}

/// <summary>An entry or exit as the API shows it.</summary>
public sealed record TransitionView(long Id, string Segment, string ProfileId, string Type, DateTimeOffset At, string Reason);

/// <summary>A page of transitions; pass <see cref="Next"/> as <c>after</c> to read on (it is the last id, also when the page is short).</summary>
public sealed record TransitionPage(IReadOnlyList<TransitionView> Transitions, long Next);
