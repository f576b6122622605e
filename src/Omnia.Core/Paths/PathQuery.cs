using Omnia.Core.Attribution;
using Omnia.Core.Visits;

namespace Omnia.Core.Paths;

/// <summary>Which buyer journeys to read and how to show them.</summary>
public sealed record PathQuery
{
    /// <summary>Conversions from this instant (inclusive) count.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Conversions before this instant count.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Show touchpoints as channels (default) or as campaigns within channels.</summary>
    public AttributionLevel Level { get; init; } = AttributionLevel.Channel;

    /// <summary>Whether a touchpoint repeated right after itself shows once (<c>email &gt; email &gt; search</c> reads <c>email &gt; search</c>). Default true.</summary>
    public bool CollapseRepeats { get; init; } = true;

    /// <summary>How many paths each group lists. Default 10.</summary>
    public int Top { get; init; } = 10;

    /// <summary>What to break the paths down by.</summary>
    public PathBreakdown Breakdown { get; init; } = PathBreakdown.None;

    /// <summary>The segment of <see cref="PathBreakdown.Segment"/>.</summary>
    public long? SegmentId { get; init; }

    /// <summary>How events are cut into visits.</summary>
    public VisitOptions Visits { get; init; } = VisitOptions.Default;
}
