using Omnia.Core.Attribution;
using Omnia.Core.Visits;

namespace Omnia.Core.Kpis;

/// <summary>Which days channel KPIs cover and how they are bucketed.</summary>
public sealed record KpiQuery
{
    /// <summary>The first day (UTC).</summary>
    public required DateOnly From { get; init; }

    /// <summary>The day after the last.</summary>
    public required DateOnly To { get; init; }

    /// <summary>Per day, week or month.</summary>
    public KpiPeriod Period { get; init; } = KpiPeriod.Day;

    /// <summary>Per channel (default) or per campaign within channels.</summary>
    public AttributionLevel Level { get; init; } = AttributionLevel.Channel;

    /// <summary>How events are cut into visits.</summary>
    public VisitOptions Visits { get; init; } = VisitOptions.Default;

    internal DateTimeOffset FromInstant => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal DateTimeOffset ToInstant => new(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
