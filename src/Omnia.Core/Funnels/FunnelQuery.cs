using Omnia.Core.Paths;

namespace Omnia.Core.Funnels;

/// <summary>The period a funnel report covers and how it is broken down.</summary>
public sealed record FunnelQuery
{
    /// <summary>People whose first step happened from this instant (inclusive)…</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>…to this one count; later steps may follow within the window, after it too.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>What to break the funnel down by (as paths are; the device is that of the first step).</summary>
    public PathBreakdown Breakdown { get; init; } = PathBreakdown.None;

    /// <summary>The segment of <see cref="PathBreakdown.Segment"/>.</summary>
    public long? SegmentId { get; init; }
}
